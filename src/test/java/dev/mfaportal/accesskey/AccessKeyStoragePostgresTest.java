package dev.mfaportal.accesskey;

import dev.mfaportal.support.PostgresJdbcTest;

@PostgresJdbcTest
class AccessKeyStoragePostgresTest extends AccessKeyStorageContract {

}
