package dev.mfaportal.audit;

import dev.mfaportal.support.PostgresJdbcTest;

@PostgresJdbcTest
class AuditStoragePostgresTest extends AuditStorageContract {

}
