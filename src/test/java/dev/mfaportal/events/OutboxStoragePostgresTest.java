package dev.mfaportal.events;

import dev.mfaportal.support.PostgresJdbcTest;

import org.springframework.context.annotation.Import;

@PostgresJdbcTest
@Import(OutboxRows.class)
class OutboxStoragePostgresTest extends OutboxStorageContract {

}
