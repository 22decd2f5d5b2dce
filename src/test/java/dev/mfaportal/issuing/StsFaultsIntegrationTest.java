package dev.mfaportal.issuing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.ForcedFailure;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.LaunchablePortal;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STS hangs, fails, throttles or drops the connection: each ends in words within the
 * configured time, and the rest of the portal keeps serving meanwhile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.sts.call-timeout=2s", "portal.sts.connect-timeout=1s" })
@PortalWithEmulator
class StsFaultsIntegrationTest {

	static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

	static final EmulatedUser FAULTY = EmulatedAccounts.user("faulty", "AKIAFAULTY0000000001",
			"FaultySecret/000000000000000000000000000");

	static final EmulatedRole ROLE = new EmulatedRole("arn:aws:iam::123456789012:role/faulty-admin", 3600);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(FAULTY).withRoles(List.of(ROLE)));

	static final AtomicInteger codes = new AtomicInteger();

	LaunchablePortal portal;

	PortalClient browser;

	@BeforeEach
	void launch(LaunchablePortal portal) {
		this.portal = portal;
		this.browser = portal.launched();
	}

	@AfterEach
	void heal() {
		emulator.setResponseDelay(Duration.ZERO);
		emulator.setForcedFailure(null);
		emulator.setDroppingConnections(false);
	}

	@Test
	void issueWhenStsHangsThenAnsweredWithinTheTimeoutPlusOneSecond() throws Exception {
		emulator.setResponseDelay(Duration.ofSeconds(30));
		long start = System.nanoTime();
		HttpResponse<String> page = issue(this.browser);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).isLessThan(CALL_TIMEOUT.plusSeconds(1));
		assertThat(page.statusCode()).isEqualTo(504);
		assertThat(page.body()).contains("AWS STS did not answer in time");
	}

	/**
	 * The role session is named after the caller (GetCallerIdentity, which carries no
	 * code) before the code is admitted: when that call times out, the code was never
	 * sent, so it is not spent and works at once.
	 */
	@Test
	void roleWhenNamingTheSessionTimesOutThenTheCodeIsNotSpent() throws Exception {
		String code = EmulatedAccounts.code(FAULTY);
		emulator.clearRecordedRequests();
		emulator.setResponseDelay(Duration.ofSeconds(30));
		HttpResponse<String> timedOut = assumeRole(this.browser, code);
		assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(504);
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action)
			.doesNotContain("AssumeRole", "GetSessionToken");

		emulator.setResponseDelay(Duration.ZERO);
		HttpResponse<String> again = assumeRole(this.browser, code);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
	}

	private static HttpResponse<String> assumeRole(PortalClient client, String code) throws Exception {
		return client.post(
				"/session-token", Map.of("source", "faulty", "serialNumber", FAULTY.device().serialNumber(),
						"tokenCode", code, "durationSeconds", "900", "profileName", "mfa", "roleArn", ROLE.arn()),
				true);
	}

	@Test
	void issueWhenStsFailsWith5xxThenSaysSo() throws Exception {
		emulator.setForcedFailure(ForcedFailure.internalFailure());
		HttpResponse<String> page = issue(this.browser);
		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body()).contains("AWS STS had an internal problem");

		emulator.setForcedFailure(ForcedFailure.serviceUnavailable());
		page = issue(this.browser);
		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body()).contains("AWS STS had an internal problem");
	}

	@Test
	void issueWhenStsThrottlesThenSaysToWait() throws Exception {
		emulator.setForcedFailure(new ForcedFailure(400, "Throttling", "Rate exceeded"));
		HttpResponse<String> page = issue(this.browser);
		assertThat(page.statusCode()).isEqualTo(429);
		assertThat(page.body()).contains("AWS is limiting the rate of requests");
	}

	@Test
	void issueWhenStsDropsTheConnectionThenSaysSo() throws Exception {
		emulator.setDroppingConnections(true);
		HttpResponse<String> page = issue(this.browser);
		assertThat(page.statusCode()).isEqualTo(502);
		assertThat(page.body()).contains("The connection to AWS STS broke before it answered");
	}

	@Test
	void pagesWhenStsHangsForOthersThenFiftyPageLoadsStillSucceed() throws Exception {
		emulator.setResponseDelay(Duration.ofSeconds(30));
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<HttpResponse<String>>> hanging = new ArrayList<>();
			// Five: the attempt limit admits no more at once for one device.
			for (int i = 0; i < 5; i++) {
				PortalClient issuer = this.portal.launched();
				hanging.add(pool.submit(() -> issue(issuer)));
			}
			Thread.sleep(300);
			long start = System.nanoTime();
			List<Future<HttpResponse<String>>> loads = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				PortalClient user = this.portal.launched();
				String path = (i % 2 == 0) ? "/" : "/history";
				loads.add(pool.submit(() -> user.get(path)));
			}
			for (Future<HttpResponse<String>> load : loads) {
				assertThat(load.get().statusCode()).isEqualTo(200);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT.plusSeconds(8));
			for (Future<HttpResponse<String>> issue : hanging) {
				assertThat(issue.get().statusCode()).isEqualTo(504);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** A fresh code each time: the portal never sends one code twice. */
	private static HttpResponse<String> issue(PortalClient client) throws Exception {
		String code = EmulatedAccounts.wrongCode(FAULTY, codes.incrementAndGet());
		return client.post("/session-token", Map.of("source", "faulty", "serialNumber", FAULTY.device().serialNumber(),
				"tokenCode", code, "durationSeconds", "900", "profileName", "mfa"), true);
	}

}
