package dev.mfaportal.limit;

import java.time.Clock;

import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.PostgresDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
@ExtendWith(PostgresDatabase.Required.class)
@Import(PostgresDatabase.CleanMigrate.class)
class LockThresholdPostgresTest extends LockThresholdContract {

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(NINE), Clock.systemUTC());

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry, "lock_threshold");
	}

	@Override
	TestEmulator emulator() {
		return emulator;
	}

}
