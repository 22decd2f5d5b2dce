package dev.mfaportal.system;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.CuttableDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away (an H2 server behind a relay the test cuts): pages that need it
 * answer 503 with words, health says DOWN, issuing fails closed without calling STS, and
 * when the database is back everything works again with every answered attempt in the
 * history.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500" })
@PortalWithEmulator
class DatabaseOutageIntegrationTest {

	static final EmulatedUser OWNER = EmulatedAccounts.user("owner", "AKIAOUTAGE0000000001",
			"OutageSecret/0000000000000000000000000000");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(OWNER));

	static final CuttableDatabase database = CuttableDatabase.start("outage");

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::url);
	}

	@AfterAll
	static void stop() throws Exception {
		database.close();
	}

	@Test
	void databaseWhenGoneThenPagesSay503HealthIsDownIssuingFailsClosedAndAllRecovers(PortalClient browser)
			throws Exception {
		assertThat(issue(browser, EmulatedAccounts.code(OWNER)).statusCode()).isEqualTo(200);
		assertThat(issue(browser, EmulatedAccounts.wrongCode(OWNER, 1)).statusCode()).isEqualTo(422);
		assertThat(auditRows()).isEqualTo(2);
		int stsCalls = emulator.recordedRequests().size();

		String token = browser.csrfToken();
		database.cut();
		for (String page : List.of("/history", "/devices", "/history.csv")) {
			HttpResponse<String> answer = browser.get(page);
			assertThat(answer.statusCode()).as(page).isEqualTo(503);
			assertThat(answer.body()).as(page).contains("reach its database right now").doesNotContain("Exception");
			String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
			assertThat(answer.body()).as(page).contains("Reference " + requestId);
		}
		HttpResponse<String> health = browser.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body()).contains("DOWN");
		HttpResponse<String> refused = browser.post("/session-token",
				Map.of("source", "owner", "serialNumber", OWNER.device().serialNumber(), "tokenCode",
						EmulatedAccounts.wrongCode(OWNER, 2), "durationSeconds", "900", "profileName", "mfa", "_csrf",
						token),
				false);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("Nothing was sent to AWS");
		assertThat(emulator.recordedRequests()).as("fails closed: STS not called").hasSize(stsCalls);

		database.restore();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (browser.get("/actuator/health").statusCode() != 200 && System.nanoTime() < deadline) {
			// longer than Hikari's 500 ms without a liveness check, so it tests and drops
			// the connections
			// that H2 closed (H2 reports them with a state Hikari doesn't read as
			// "broken")
			Thread.sleep(700);
		}
		assertThat(browser.get("/actuator/health").body()).contains("UP");
		assertThat(browser.get("/history").statusCode()).isEqualTo(200);
		assertThat(issue(browser, EmulatedAccounts.wrongCode(OWNER, 3)).statusCode()).isEqualTo(422);
		assertThat(auditRows()).as("every attempt that got an answer from STS or the limits").isEqualTo(3);
	}

	private static long auditRows() throws Exception {
		try (Connection direct = DriverManager.getConnection(database.directUrl(), "sa", "");
				ResultSet rows = direct.createStatement().executeQuery("select count(*) from audit_event")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static HttpResponse<String> issue(PortalClient browser, String code) throws Exception {
		return browser.post("/session-token", Map.of("source", "owner", "serialNumber", OWNER.device().serialNumber(),
				"tokenCode", code, "durationSeconds", "900", "profileName", "mfa"), true);
	}

}
