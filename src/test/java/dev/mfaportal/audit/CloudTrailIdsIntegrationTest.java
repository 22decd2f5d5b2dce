package dev.mfaportal.audit;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CloudTrail records of an issue, the STS request id and the issued key id, is what
 * the history shows and finds: the portal's answer, through the real SDK client, compared
 * with what the emulator answered on the wire.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class CloudTrailIdsIntegrationTest {

	private static final Set<String> SENT_CODES = ConcurrentHashMap.newKeySet();

	static final EmulatedUser TRAIL = EmulatedAccounts.user("trail", "AKIATRAIL00000000001",
			"trailSecret/00000000000000000000000000000");

	static final EmulatedRole AUDITOR = new EmulatedRole("arn:aws:iam::123456789012:role/auditor", 3600);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(TRAIL).withRoles(List.of(AUDITOR)));

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) {
		this.browser = launched;
	}

	private static String freshCode() {
		for (int steps : new int[] { 0, 1, -1 }) {
			String code = Totp.currentCode(TRAIL.device().base32Secret(),
					Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * steps)));
			if (SENT_CODES.add(code)) {
				return code;
			}
		}
		throw new IllegalStateException("every code STS would accept now was sent already");
	}

	private RecordedRequest issue(String code, String roleArn) throws Exception {
		int before = emulator.recordedRequests().size();
		Map<String, String> form = new HashMap<>(
				Map.of("source", "trail", "serialNumber", TRAIL.device().serialNumber(), "tokenCode", code,
						"durationSeconds", "900", "profileName", "mfa", "roleSessionName", "trail"));
		if (roleArn != null) {
			form.put("roleArn", roleArn);
		}
		this.browser.post("/session-token", form, true);
		List<RecordedRequest> sent = emulator.recordedRequests();
		assertThat(sent).hasSize(before + 1);
		return sent.get(sent.size() - 1);
	}

	private Element onlyRowFoundBy(String awsId) throws Exception {
		HttpResponse<String> page = this.browser
			.get("/history?awsId=" + URLEncoder.encode(awsId, StandardCharsets.UTF_8));
		assertThat(page.statusCode()).isEqualTo(200);
		Elements rows = Html.parse(page.body()).select("[data-history-table] tbody tr");
		assertThat(rows).as("rows found by " + awsId).hasSize(1);
		return rows.get(0);
	}

	@Test
	void sessionTokenWhenIssuedThenHistoryAndCsvHoldTheRequestIdAndKeyIdStsAnsweredAndFindTheRowByEither()
			throws Exception {
		RecordedRequest answered = issue(freshCode(), null);
		assertThat(answered.issuedAccessKeyId()).startsWith("ASIA");

		Element byKey = onlyRowFoundBy(answered.issuedAccessKeyId());
		assertThat(byKey.attr("data-outcome")).isEqualTo("ISSUED");
		assertThat(byKey.select("[data-request-id]").text()).isEqualTo(answered.requestId());
		assertThat(byKey.select("[data-issued-key]").text()).isEqualTo(answered.issuedAccessKeyId());
		assertThat(byKey.select("[data-role-arn]")).isEmpty();

		Element byRequest = onlyRowFoundBy(answered.requestId());
		assertThat(byRequest.select("[data-issued-key]").text()).isEqualTo(answered.issuedAccessKeyId());

		HttpResponse<String> csv = this.browser
			.get("/history.csv?awsId=" + URLEncoder.encode(answered.requestId(), StandardCharsets.UTF_8));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines).hasSize(2);
		List<String> header = List.of(lines.get(0).split(","));
		List<String> fields = List.of(lines.get(1).split(",", -1));
		assertThat(fields.get(header.indexOf("sts_request_id"))).isEqualTo(answered.requestId());
		assertThat(fields.get(header.indexOf("issued_access_key_id"))).isEqualTo(answered.issuedAccessKeyId());
	}

	@Test
	void roleWhenIssuedThenHistoryHoldsTheRoleTheRequestIdTheKeyIdAndTheAssumedRoleId() throws Exception {
		RecordedRequest answered = issue(freshCode(), AUDITOR.arn());
		assertThat(answered.action()).isEqualTo("AssumeRole");

		Element row = onlyRowFoundBy(answered.issuedAccessKeyId());
		assertThat(row.select("[data-role-arn]").text()).isEqualTo(AUDITOR.arn());
		assertThat(row.select("[data-request-id]").text()).isEqualTo(answered.requestId());
		assertThat(row.select("[data-assumed-role-id]").text()).startsWith("AROA").endsWith(":trail");
	}

	@Test
	void codeWhenStsRefusedItThenTheFailedRowHoldsTheRefusalsRequestIdAndNoKey() throws Exception {
		String now = Totp.currentCode(TRAIL.device().base32Secret(), Clock.systemUTC());
		String wrong = String.format("%06d", (Integer.parseInt(now) + 500_000) % 1_000_000);
		RecordedRequest refused = issue(wrong, null);
		assertThat(refused.errorCode()).isEqualTo("AccessDenied");

		Element row = onlyRowFoundBy(refused.requestId());
		assertThat(row.attr("data-outcome")).isEqualTo("FAILED");
		assertThat(row.select("[data-issued-key]")).isEmpty();
	}

}
