package dev.mfaportal.issuing;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.H2Files;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After issuing, failing and being limited, no issued secret, session token, long-term
 * secret or token code is in any table, nor anywhere in the H2 file on disk.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class StorageCanaryTest {

	static final String LONG_TERM_SECRET = "CanaryLongTermSecret/0000000000000000000";

	static final EmulatedUser CANARY = EmulatedAccounts.user("canary", "AKIACANARY0000000001", LONG_TERM_SECRET);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(CANARY));

	@RegisterExtension
	static final H2Files database = H2Files.inTemporaryDirectory();

	@Autowired
	JdbcClient jdbc;

	@Test
	void databaseWhenIssuedFailedAndLimitedThenHoldsNoSecretAndNoCode(PortalClient browser) throws Exception {
		List<String> canaries = new ArrayList<>(List.of(LONG_TERM_SECRET));

		String good = EmulatedAccounts.code(CANARY);
		HttpResponse<String> issued = browser.post("/session-token", form(good), true);
		assertThat(issued.statusCode()).isEqualTo(200);
		String credentialsFile = PortalClient.snippet(issued.body(), "credentials-file");
		canaries.add(value(credentialsFile, "aws_secret_access_key = "));
		canaries.add(value(credentialsFile, "aws_session_token = "));
		canaries.add(good);
		for (int i = 1; i <= 6; i++) {
			String wrong = EmulatedAccounts.wrongCode(CANARY, i);
			canaries.add(wrong);
			assertThat(browser.post("/session-token", form(wrong), true).statusCode()).isIn(422, 429);
		}

		String everyValue = everyValueInEveryTable();
		assertThat(everyValue).contains(CANARY.device().serialNumber()).contains("ISSUED");
		for (String canary : canaries) {
			assertThat(everyValue).doesNotContain(canary);
		}

		String onDisk = database.everyByteOnDisk(this.jdbc);
		assertThat(onDisk).contains(CANARY.device().serialNumber());
		for (String canary : canaries) {
			assertThat(onDisk).doesNotContain(canary);
		}
	}

	private String everyValueInEveryTable() {
		assertThat(H2Files.tables(this.jdbc)).contains("AUDIT_EVENT", "MFA_ATTEMPT", "USED_MFA_CODE", "MFA_DEVICE");
		return H2Files.everyValueInEveryTable(this.jdbc);
	}

	private static Map<String, String> form(String code) {
		return Map.of("source", "canary", "serialNumber", CANARY.device().serialNumber(), "tokenCode", code,
				"durationSeconds", "900", "profileName", "mfa");
	}

	private static String value(String text, String prefix) {
		return text.lines().filter((l) -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
	}

}
