package dev.mfaportal.system;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.CuttableDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

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
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTest {

	static final EmulatedUser OWNER = EmulatedAccounts.user("owner", "AKIAOUTAGE0000000001",
			"OutageSecret/0000000000000000000000000000");

	static final EmulatedUser LATE = EmulatedAccounts.user("late", "AKIAOUTAGE0000000002",
			"OutageSecret/0000000000000000000000000002");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(OWNER, LATE));

	@RegisterExtension
	static final CuttableDatabase database = CuttableDatabase.start("outage");

	@Autowired
	CutAfterStsAnswer cutAfterStsAnswer;

	@Test
	void databaseWhenGoneThenPagesSay503HealthIsDownIssuingFailsClosedAndAllRecovers(PortalClient browser)
			throws Exception {
		long rows = auditRows();
		assertThat(issue(browser, EmulatedAccounts.code(OWNER)).statusCode()).isEqualTo(200);
		assertThat(issue(browser, EmulatedAccounts.wrongCode(OWNER, 1)).statusCode()).isEqualTo(422);
		assertThat(auditRows()).isEqualTo(rows + 2);
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
		assertThat(auditRows()).as("every attempt that got an answer from STS or the limits").isEqualTo(rows + 3);
	}

	@Test
	void databaseWhenGoneAfterStsAnsweredThenCredentialsShownAndTheRowWrittenOnceItIsBack(PortalClient browser,
			CapturedOutput log) throws Exception {
		long rows = auditRows();
		this.cutAfterStsAnswer.armed = true;

		HttpResponse<String> answer = browser.post(
				"/session-token", Map.of("source", LATE.userName(), "serialNumber", LATE.device().serialNumber(),
						"tokenCode", EmulatedAccounts.code(LATE), "durationSeconds", "900", "profileName", "mfa"),
				true);

		assertThat(this.cutAfterStsAnswer.armed).as("the database was cut after STS answered").isFalse();
		assertThat(answer.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(answer.body());
		assertThat(page.select("[data-credential=accessKeyId]").text()).startsWith("ASIA");
		String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(page.getElementById("history-unwritten")).isNotNull();
		assertThat(page.getElementById("history-unwritten").text()).contains(requestId);
		assertThat(log.getOut()).containsPattern("ERROR .*\\[" + requestId + "\\] .*history could not be written");
		assertThat(auditRows()).as("nothing written while the database is away").isEqualTo(rows);

		database.restore();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (auditRows() == rows && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(auditRows()).as("the kept row, written once the database is back").isEqualTo(rows + 1);
		assertThat(lastOutcome()).isEqualTo("ISSUED");
	}

	private static String lastOutcome() throws Exception {
		try (Connection direct = DriverManager.getConnection(database.directUrl(), "sa", "");
				ResultSet rows = direct.createStatement()
					.executeQuery("select outcome from audit_event order by id desc fetch first 1 rows only")) {
			rows.next();
			return rows.getString(1);
		}
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

	@TestConfiguration(proxyBeanMethods = false)
	static class CutDatabase {

		@Bean
		CutAfterStsAnswer cutAfterStsAnswer() {
			return new CutAfterStsAnswer();
		}

	}

	/**
	 * Cuts the database once, when armed, the moment STS has issued and before anything
	 * is recorded: it listens first.
	 */
	static class CutAfterStsAnswer {

		volatile boolean armed;

		@EventListener
		@Order(Ordered.HIGHEST_PRECEDENCE)
		void on(CredentialsIssued issued) {
			if (this.armed) {
				this.armed = false;
				database.cut();
			}
		}

	}

}
