package dev.mfaportal.accesskey;

import java.time.Instant;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.sts.SessionTokenRequest;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.TemporaryCredentials;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode's whole path below the web layer: a member's stored key is the only
 * credential source they see, and the portal's real SDK client signs with it, decrypted
 * only for the call, against the emulator, which checks the signature like STS. Logs that
 * could leak are at DEBUG, and the captured output is searched for the secret.
 */
@SpringBootTest(properties = { "portal.encryption.key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
		"logging.level.dev.mfaportal=DEBUG", "logging.level.software.amazon.awssdk=DEBUG",
		"logging.level.software.amazon.awssdk.request=DEBUG", "logging.level.org.springframework.jdbc=TRACE" })
@ActiveProfiles("team")
@ExtendWith(OutputCaptureExtension.class)
@PortalWithEmulator(accounts = false)
class TeamModeStoredKeyIntegrationTest {

	static final String SECRET = "StoredSecretCanary/0123456789abcdefABCDE";

	static final EmulatedUser ALICE = EmulatedAccounts.user("alice", "AKIACANARYSTORED0001", SECRET);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(ALICE));

	@Autowired
	StoredAccessKeys keys;

	@Autowired
	CredentialSources sources;

	@Autowired
	StsGateway sts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void cleanUp() {
		SecurityContextHolder.clearContext();
		this.jdbc.sql("delete from access_key").update();
	}

	private static void signedIn(String name) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(name, "n/a", "ROLE_USER"));
	}

	@Test
	void issueWhenMemberStoredAKeyThenTheSdkSignsWithItAndTheSecretIsNeverLogged(CapturedOutput output) {
		long id = this.keys.store("alice", "Work", ALICE.accessKeyId(), SECRET);
		signedIn("alice");

		assertThat(this.sources).isInstanceOf(StoredKeyCredentialSources.class);
		CredentialSource source = this.sources.list()
			.stream()
			.filter((listed) -> listed.id().equals("key:" + id))
			.findFirst()
			.orElseThrow();
		TemporaryCredentials issued = this.sts.getSessionToken(this.sources.caller(source),
				new SessionTokenRequest(ALICE.device().serialNumber(), EmulatedAccounts.code(ALICE), 3600));

		assertThat(issued.accessKeyId()).startsWith("ASIA");
		assertThat(emulator.recordedRequests()).last().satisfies((call) -> {
			assertThat(call.accessKeyId()).isEqualTo(ALICE.accessKeyId());
			assertThat(call.succeeded()).isTrue();
		});
		// The SDK logged the signing steps, so DEBUG was really on.
		assertThat(output.getAll()).contains("sts/aws4_request")
			.doesNotContain(SECRET)
			.doesNotContain(SECRET.substring(0, 16));
	}

	@Test
	void credentialsIssuedWhenWithAStoredKeyThenItsLastUseIsRecorded() {
		long id = this.keys.store("alice", "Work", ALICE.accessKeyId(), SECRET);
		Instant at = Instant.parse("2026-11-26T10:00:00Z");

		this.events.publishEvent(new CredentialsIssued(new IssueAttempt(at, "alice", "Work", "AKIA…0001",
				ALICE.device().serialNumber(), null, 3600, "127.0.0.1"), at.plusSeconds(3600)));

		assertThat(this.keys.find("alice", id)).get().extracting(StoredKey::lastUsedAt).isEqualTo(at);
	}

	@Test
	void listWhenAnotherMemberIsSignedInThenTheyNeitherSeeNorFindTheKey() {
		long id = this.keys.store("alice", "Work", ALICE.accessKeyId(), SECRET);
		signedIn("bob");

		assertThat(this.sources.list()).isEmpty();
		assertThat(this.sources.searched()).isEmpty();
	}

}
