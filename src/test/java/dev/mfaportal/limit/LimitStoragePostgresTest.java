package dev.mfaportal.limit;

import dev.mfaportal.support.PostgresJdbcTest;

@PostgresJdbcTest
class LimitStoragePostgresTest extends LimitStorageContract {

}
