package dev.mfaportal.events;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

@JdbcTest
@Import(OutboxRows.class)
class OutboxStorageH2Test extends OutboxStorageContract {

}
