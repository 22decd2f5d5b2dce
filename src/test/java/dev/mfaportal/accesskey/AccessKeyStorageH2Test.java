package dev.mfaportal.accesskey;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

@JdbcTest
class AccessKeyStorageH2Test extends AccessKeyStorageContract {

}
