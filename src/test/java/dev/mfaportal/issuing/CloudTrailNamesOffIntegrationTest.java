package dev.mfaportal.issuing;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.SessionContext;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code portal.team.source-identity=false}: team mode sends neither a source identity
 * nor the member's tag, so a role whose trust allows neither is assumed as before.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.source-identity=false", "portal.team.admin-username=h21c-admin",
				"portal.team.admin-password=h21c-admin-password-1",
				"portal.encryption.key=IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI=" })
@ActiveProfiles("team")
@PortalWithEmulator(accounts = false)
class CloudTrailNamesOffIntegrationTest {

	static final EmulatedUser OTTO = EmulatedAccounts.user("h21cotto");

	static final EmulatedRole UNTRUSTING = new EmulatedRole("arn:aws:iam::123456789012:role/untrusting", 3600)
		.trustAllowing(false, false);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(OTTO).withRoles(List.of(UNTRUSTING)));

	@LocalServerPort
	int port;

	@Test
	void roleWhenTheNamesAreTurnedOffThenNeitherSourceIdentityNorTagIsSent() throws Exception {
		PortalClient admin = new PortalClient(this.port);
		admin.login("h21c-admin", "h21c-admin-password-1");

		HttpResponse<String> issued = admin.post("/session-token",
				Map.of("source", "once", "onceAccessKeyId", OTTO.accessKeyId(), "onceSecretAccessKey",
						OTTO.secretAccessKey(), "serialNumber", OTTO.device().serialNumber(), "tokenCode",
						Totp.currentCode(OTTO.device().base32Secret(), Clock.systemUTC()), "durationSeconds", "900",
						"profileName", "mfa", "roleArn", UNTRUSTING.arn(), "roleSessionName", "session"),
				true);

		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		RecordedRequest call = emulator.recordedRequests()
			.stream()
			.filter((request) -> "AssumeRole".equals(request.action()))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(call.parameters().keySet()).noneMatch((name) -> name.equals("SourceIdentity")
				|| name.startsWith("Tags.") || name.startsWith("TransitiveTagKeys."));
		assertThat(emulator.session(call.issuedAccessKeyId())).hasValue(SessionContext.NONE);
	}

}
