package dev.mfaportal.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.security.LocalOwner;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.system.SqlTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock threshold under codes sent at once, one portal on H2 or on PostgreSQL: nine
 * wrong codes in a row, all older than the window (so the window's limit lets attempts
 * through), and ten more at the same moment. The tenth failure in a row must lock, so
 * only one of them may reach STS: the others wait on an answer that could lock the
 * device. {@code TwoInstancesIntegrationTest} does the same across two portals.
 */
abstract class LockThresholdContract {

	static final EmulatedUser NINE = EmulatedAccounts.user("nine");

	@Autowired
	JdbcClient jdbc;

	abstract TestEmulator emulator();

	@Test
	void tenWrongCodesWhenSentAtOnceAfterNineInARowThenExactlyOneReachesStsAndTheDeviceLocks(PortalClient browser)
			throws Exception {
		failedLongAgo(this.jdbc, LocalOwner.name(), NINE.device().serialNumber(), 9);
		this.emulator().clearRecordedRequests();
		String token = browser.csrfToken();
		List<Callable<Integer>> sends = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			String code = EmulatedAccounts.wrongCode(NINE, i);
			sends.add(() -> browser.post("/session-token", form(code, token), false).statusCode());
		}

		List<Integer> statuses = AtOnce.run(sends);

		assertThat(this.emulator().recordedRequests()).as("STS calls").hasSize(1);
		assertThat(statuses).containsOnly(422, 429).filteredOn((status) -> status == 422).hasSize(1);
		String after = browser.post("/session-token", form(EmulatedAccounts.code(NINE), browser.csrfToken()), false)
			.body();
		assertThat(after).contains("This device is locked");
		assertThat(this.emulator().recordedRequests()).hasSize(1);
	}

	private static Map<String, String> form(String code, String csrf) {
		return Map.of("source", NINE.userName(), "serialNumber", NINE.device().serialNumber(), "tokenCode", code,
				"durationSeconds", "900", "profileName", "mfa", "_csrf", csrf);
	}

	/**
	 * Wrong codes an hour ago and before, as the portal records them: outside the window,
	 * still in a row.
	 */
	static void failedLongAgo(JdbcClient jdbc, String actor, String serialNumber, int times) {
		Instant now = Instant.now();
		for (int i = times; i > 0; i--) {
			jdbc.sql("insert into mfa_attempt (actor, serial_number, attempted_at, result) values (?, ?, ?, ?)")
				.params(actor, serialNumber, SqlTime.of(now.minus(Duration.ofHours(1)).minusSeconds(i)), "FAILURE")
				.update();
		}
	}

}
