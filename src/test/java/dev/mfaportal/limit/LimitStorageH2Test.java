package dev.mfaportal.limit;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

@JdbcTest
class LimitStorageH2Test extends LimitStorageContract {

}
