package dev.mfaportal.account;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.support.PostgresDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=team-flow-admin-1", "server.address=127.0.0.1",
				"portal.team.require-postgresql=true",
				"portal.encryption.key=BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=" })
@ActiveProfiles("team")
@ExtendWith(PostgresDatabase.Required.class)
@Import(PostgresDatabase.CleanMigrate.class)
class TeamFlowPostgresTest extends TeamFlowContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry, "team_flow");
	}

	@Override
	EmulatedUser kate() {
		return KATE_ON_POSTGRES;
	}

}
