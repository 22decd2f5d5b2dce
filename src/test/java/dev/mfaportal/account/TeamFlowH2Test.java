package dev.mfaportal.account;

import dev.mfaportal.emulator.EmulatedUser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=team-flow-admin-1", "server.address=127.0.0.1",
				"portal.encryption.key=BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=" })
@ActiveProfiles("team")
class TeamFlowH2Test extends TeamFlowContract {

	@Override
	EmulatedUser kate() {
		return KATE_ON_H2;
	}

}
