package dev.mfaportal.audit;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

@JdbcTest
class AuditStorageH2Test extends AuditStorageContract {

}
