package dev.mfaportal.limit;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits as a person meets them, through the portal and the emulator: the portal's
 * clock is moved by the test, the emulator's is real. Each test uses its own IAM user and
 * device, so the counts of one don't touch another.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class AttemptLimitIntegrationTest {

	static final EmulatedUser LIMITED = EmulatedAccounts.user("limited");

	static final EmulatedUser SLIDING = EmulatedAccounts.user("sliding");

	static final EmulatedUser LOCKED = EmulatedAccounts.user("locked");

	static final EmulatedUser RESET = EmulatedAccounts.user("reset");

	static final EmulatedUser REUSED = EmulatedAccounts.user("reused");

	static final EmulatedUser PARALLEL = EmulatedAccounts.user("parallel");

	static final EmulatedUser MIXED = EmulatedAccounts.user("mixed");

	static final TestEmulator emulator = TestEmulator
		.start(EmulatorSettings.of(LIMITED, SLIDING, LOCKED, RESET, REUSED, PARALLEL, MIXED), Clock.systemUTC());

	static final MutableClock portalClock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	PortalClient browser;

	int wrong;

	@BeforeEach
	void launch(PortalClient launched) {
		this.browser = launched;
	}

	private HttpResponse<String> attempt(EmulatedUser user, String code) throws Exception {
		return this.browser.post("/session-token", Map.of("source", user.userName(), "serialNumber",
				user.device().serialNumber(), "tokenCode", code, "durationSeconds", "900", "profileName", "mfa"), true);
	}

	private void failTimes(EmulatedUser user, int times) throws Exception {
		for (int i = 0; i < times; i++) {
			assertThat(attempt(user, EmulatedAccounts.wrongCode(user, ++this.wrong)).statusCode()).isEqualTo(422);
			portalClock.advance(Duration.ofSeconds(10));
		}
	}

	private long stsCalls(EmulatedUser user) {
		return emulator.recordedRequests()
			.stream()
			.filter((call) -> user.accessKeyId().equals(call.accessKeyId()))
			.count();
	}

	@Test
	void sixthWrongCodeWithinFifteenMinutesThen429AndStsNeverSeesIt() throws Exception {
		failTimes(LIMITED, 5);
		HttpResponse<String> sixth = attempt(LIMITED, EmulatedAccounts.wrongCode(LIMITED, ++this.wrong));

		assertThat(sixth.statusCode()).isEqualTo(429);
		assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
		assertThat(sixth.body()).contains("Too many wrong codes for this device").contains("Try again after");
		assertThat(stsCalls(LIMITED)).isEqualTo(5);
	}

	@Test
	void windowWhenTheOldestFailureLeavesItThenAttemptsGoThroughAgain() throws Exception {
		failTimes(SLIDING, 5);
		assertThat(attempt(SLIDING, EmulatedAccounts.wrongCode(SLIDING, ++this.wrong)).statusCode()).isEqualTo(429);
		portalClock.advance(Duration.ofMinutes(15));

		assertThat(attempt(SLIDING, EmulatedAccounts.code(SLIDING)).statusCode()).isEqualTo(200);
		assertThat(stsCalls(SLIDING)).isEqualTo(6);
	}

	@Test
	void tenWrongCodesInARowThenLockedUntilTheOwnerUnlocksOnTheDevicesPage() throws Exception {
		failTimes(LOCKED, 5);
		portalClock.advance(Duration.ofMinutes(16));
		failTimes(LOCKED, 5);
		portalClock.advance(Duration.ofMinutes(16));

		HttpResponse<String> refused = attempt(LOCKED, EmulatedAccounts.code(LOCKED));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("This device is locked");
		assertThat(stsCalls(LOCKED)).isEqualTo(10);

		HttpResponse<String> unlocked = this.browser.post("/devices/unlock",
				Map.of("serialNumber", LOCKED.device().serialNumber()), true);
		assertThat(unlocked.statusCode()).isEqualTo(302);
		assertThat(attempt(LOCKED, EmulatedAccounts.code(LOCKED)).statusCode()).isEqualTo(200);
	}

	@Test
	void successWhenItComesThenTheConsecutiveCountStartsAgain() throws Exception {
		failTimes(RESET, 5);
		portalClock.advance(Duration.ofMinutes(16));
		failTimes(RESET, 4);
		assertThat(attempt(RESET, EmulatedAccounts.code(RESET)).statusCode()).isEqualTo(200);
		portalClock.advance(Duration.ofMinutes(16));
		failTimes(RESET, 5);
		portalClock.advance(Duration.ofMinutes(16));

		// 14 failures in all, but only 5 since the success: not locked.
		assertThat(attempt(RESET, EmulatedAccounts.wrongCode(RESET, ++this.wrong)).statusCode()).isEqualTo(422);
	}

	@Test
	void sameCodeWhenSentTwiceThenTheSecondIsAnsweredByThePortal() throws Exception {
		String code = EmulatedAccounts.code(REUSED);
		assertThat(attempt(REUSED, code).statusCode()).isEqualTo(200);
		HttpResponse<String> again = attempt(REUSED, code);

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("This code was already used; wait for the next one");
		assertThat(stsCalls(REUSED)).isEqualTo(1);
	}

	@Test
	void thirtyWrongCodesWhenSentAtOnceThenAtMostFiveReachSts() throws Exception {
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			codes.add(EmulatedAccounts.wrongCode(PARALLEL, ++this.wrong));
		}

		List<Integer> statuses = atOnce(PARALLEL, codes);

		assertThat(stsCalls(PARALLEL)).isBetween(1L, 5L);
		assertThat(statuses).containsOnly(422, 429);
		assertThat(statuses.stream().filter((status) -> status == 422).count()).isEqualTo(stsCalls(PARALLEL));
	}

	@Test
	void correctCodeWhenSentAmongWrongOnesTheLimitAllowsThenIssued() throws Exception {
		List<String> codes = new ArrayList<>(List.of(EmulatedAccounts.code(MIXED)));
		for (int i = 0; i < 4; i++) {
			codes.add(EmulatedAccounts.wrongCode(MIXED, ++this.wrong));
		}

		List<Integer> statuses = atOnce(MIXED, codes);

		assertThat(statuses.get(0)).isEqualTo(200);
		assertThat(statuses.subList(1, 5)).containsOnly(422);
		assertThat(stsCalls(MIXED)).isEqualTo(5);
	}

	/** Sends every code at the same moment; the statuses in the codes' order. */
	private List<Integer> atOnce(EmulatedUser user, List<String> codes) throws Exception {
		String token = this.browser.csrfToken();
		List<Callable<Integer>> sends = new ArrayList<>();
		for (String code : codes) {
			sends.add(() -> this.browser
				.post("/session-token",
						Map.of("source", user.userName(), "serialNumber", user.device().serialNumber(), "tokenCode",
								code, "durationSeconds", "900", "profileName", "mfa", "_csrf", token),
						false)
				.statusCode());
		}
		return AtOnce.run(sends);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClock {

		@Bean
		@Primary
		Clock movableClock() {
			return portalClock;
		}

	}

}
