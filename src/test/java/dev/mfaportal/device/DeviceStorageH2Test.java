package dev.mfaportal.device;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

@JdbcTest
class DeviceStorageH2Test extends DeviceStorageContract {

}
