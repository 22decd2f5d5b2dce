package dev.mfaportal.device;

import dev.mfaportal.support.PostgresJdbcTest;

@PostgresJdbcTest
class DeviceStoragePostgresTest extends DeviceStorageContract {

}
