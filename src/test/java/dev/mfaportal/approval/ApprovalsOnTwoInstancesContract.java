package dev.mfaportal.approval;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.security.HostileValues;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.system.SqlTime;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval flow on two team-mode instances on one database, through the real SDK to
 * the emulator: asked on A, answered on B, spent on A once; the same on H2 and on
 * PostgreSQL. The policy's answers come from {@link ApprovalTestPolicy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApprovalsOnTwoInstancesContract {

	static final EmulatedUser KEYS = EmulatedAccounts.user("h21bkeys");

	static final String PASSWORD = "h21b-password-000001";

	static final String GUARDED = ApprovalTestPolicy.GUARDED;

	TestEmulator emulator;

	ConfigurableApplicationContext first;

	ConfigurableApplicationContext second;

	/** Sent codes: each may reach STS once. */
	final Set<String> sentCodes = new HashSet<>();

	/** The database arguments, as command-line arguments of both instances. */
	abstract List<String> database();

	/** Before the first instance starts: an empty database. */
	void prepareDatabase() {
	}

	@BeforeAll
	void startTwoInstances() {
		prepareDatabase();
		this.emulator = TestEmulator.start(EmulatorSettings.of(KEYS)
			.withRoles(List.of(new EmulatedRole(GUARDED, 3600), new EmulatedRole(ApprovalTestPolicy.OPEN, 3600))),
				Clock.systemUTC());
		this.first = start();
		this.second = start();
		for (String name : List.of(ApprovalTestPolicy.MEMBER, ApprovalTestPolicy.APPROVER,
				ApprovalTestPolicy.OUTSIDER)) {
			jdbc()
				.sql("insert into portal_user (username, password_hash, admin, enabled, must_change_password, "
						+ "created_at) values (?, ?, false, true, false, ?)")
				.params(name, this.first.getBean(PasswordEncoder.class).encode(PASSWORD), SqlTime.of(Instant.now()))
				.update();
		}
	}

	private ConfigurableApplicationContext start() {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--portal.team.admin-password=h21b-approvals-admin-1",
				"--portal.sts.endpoint=" + this.emulator.endpoint(),
				"--portal.encryption.key=AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=",
				// Outbox rows are written with a webhook set; nothing listens there, and
				// the
				// sender waits long enough not to matter.
				"--portal.events.webhook-url=http://127.0.0.1:9/h21b", "--portal.events.webhook-secret=h21b-secret",
				"--portal.events.poll-interval=1h", "--portal.approvals.close-interval=1h"));
		arguments.addAll(database());
		return new SpringApplicationBuilder(MfaPortalApplication.class, ApprovalTestPolicy.class, Keys.class)
			.profiles("team")
			.run(arguments.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.first,
				this.second }) {
			if (context != null) {
				context.close();
			}
		}
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@BeforeEach
	void freshState() {
		ApprovalTestPolicy.CLOCK.set(Instant.now());
		jdbc().sql("delete from approval_request").update();
	}

	JdbcClient jdbc() {
		return this.first.getBean(JdbcClient.class);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	PortalClient signedIn(String name, ConfigurableApplicationContext instance) throws Exception {
		PortalClient browser = new PortalClient(port(instance));
		assertThat(browser.login(name, PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return browser;
	}

	static HttpResponse<String> request(PortalClient browser, String roleArn, String duration, String reason)
			throws Exception {
		return browser.post("/approvals", Map.of("roleArn", roleArn, "durationSeconds", duration, "reason", reason,
				"_csrf", browser.csrfToken("/approvals")), false);
	}

	static HttpResponse<String> answer(PortalClient browser, long id, String action, String note) throws Exception {
		return browser.post("/approvals/" + id + "/" + action,
				Map.of("note", note, "_csrf", browser.csrfToken("/approvals")), false);
	}

	HttpResponse<String> issue(PortalClient browser, String code) throws Exception {
		return browser.post("/session-token",
				Map.of("source", KEYS.userName(), "serialNumber", KEYS.device().serialNumber(), "tokenCode", code,
						"durationSeconds", "3600", "profileName", "mfa", "roleArn", GUARDED, "_csrf",
						browser.csrfToken()),
				false);
	}

	/**
	 * A code STS accepts now that no earlier test sent; when the tests ran fast enough to
	 * send all three of this minute and a half, the next one, within 30 seconds.
	 */
	String freshCode() throws InterruptedException {
		for (int wait = 0; wait <= 31; wait++) {
			for (int steps : new int[] { 0, 1, -1 }) {
				String code = Totp.currentCode(KEYS.device().base32Secret(),
						Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * steps)));
				if (this.sentCodes.add(code)) {
					return code;
				}
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("every code STS would accept now was sent already");
	}

	long onlyRequestId() {
		return jdbc().sql("select id from approval_request").query(Long.class).single();
	}

	/** A request on A by the member, approved on B by the approver. */
	long approvedOnTheOtherInstance() throws Exception {
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		assertThat(request(member, GUARDED, "3600", "deploy the fix").statusCode()).isEqualTo(302);
		long id = onlyRequestId();
		PortalClient approver = signedIn(ApprovalTestPolicy.APPROVER, this.second);
		assertThat(answer(approver, id, "approve", "go ahead").statusCode()).isEqualTo(302);
		return id;
	}

	/**
	 * The AssumeRole calls STS saw; the form page asks who the keys are
	 * (GetCallerIdentity), which spends nothing.
	 */
	List<RecordedRequest> assumeRoleCalls() {
		return this.emulator.recordedRequests().stream().filter((call) -> "AssumeRole".equals(call.action())).toList();
	}

	List<String> outcomes(long approvalId) {
		return jdbc().sql("select outcome from audit_event where error_code = ? order by id")
			.param("approval-" + approvalId)
			.query(String.class)
			.list();
	}

	@Test
	void approvalWhenAskedOnOneInstanceAndApprovedOnTheOtherThenItOpensOneIssueOnTheFirst() throws Exception {
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		assertThat(request(member, GUARDED, "3600", "deploy the fix").statusCode()).isEqualTo(302);
		long id = onlyRequestId();

		PortalClient approver = signedIn(ApprovalTestPolicy.APPROVER, this.second);
		Document approverPage = Html.parse(approver.get("/approvals").body());
		assertThat(approverPage.select("[data-nav-approvals]").attr("data-pending-to-answer")).isEqualTo("1");
		assertThat(approverPage.select("[data-to-answer] tr[data-approval=" + id + "] [data-reason]").text())
			.isEqualTo("deploy the fix");
		assertThat(Html.parse(member.get("/approvals").body()).select("[data-nav-approvals]").attr("data-pending-mine"))
			.isEqualTo("1");

		HttpResponse<String> own = answer(member.at(port(this.second)), id, "approve", "");
		assertThat(own.statusCode()).isEqualTo(403);
		assertThat(Html.parse(own.body()).select("[data-refusal]").attr("data-refusal-key"))
			.isEqualTo("approval.refused.own");
		HttpResponse<String> outsider = answer(signedIn(ApprovalTestPolicy.OUTSIDER, this.second), id, "approve", "");
		assertThat(outsider.statusCode()).isEqualTo(403);
		assertThat(Html.parse(outsider.body()).select("[data-refusal]").attr("data-refusal-key"))
			.isEqualTo("approval.refused.notApprover");

		assertThat(answer(approver, id, "approve", "go ahead").statusCode()).isEqualTo(302);
		assertThat(answer(approver, id, "deny", "").statusCode()).as("answered once").isEqualTo(409);

		this.emulator.clearRecordedRequests();
		HttpResponse<String> issued = issue(member, freshCode());
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		assertThat(assumeRoleCalls()).hasSize(1);
		HttpResponse<String> again = issue(member.at(port(this.second)), freshCode());
		assertThat(again.statusCode()).isEqualTo(403);
		assertThat(assumeRoleCalls()).as("no second STS call").hasSize(1);

		assertThat(outcomes(id)).containsExactly("APPROVAL_REQUESTED", "APPROVAL_APPROVED", "APPROVAL_USED");
		Document mine = Html.parse(member.get("/approvals").body());
		assertThat(mine.select("[data-mine] tr[data-approval=" + id + "]").attr("data-status")).isEqualTo("USED");
		assertThat(mine.select("[data-mine] tr[data-approval=" + id + "] [data-answered-by]").text())
			.isEqualTo(ApprovalTestPolicy.APPROVER);
		Document history = Html.parse(member.get("/history").body());
		assertThat(history.select("tr[data-outcome=APPROVAL_APPROVED] td").eachText())
			.contains("By " + ApprovalTestPolicy.APPROVER);
	}

	@Test
	void approvalWhenValidMinutesPassedThenTheIssueIsRefusedAndTheCloserRecordsTheExpiryOnce() throws Exception {
		long id = approvedOnTheOtherInstance();
		ApprovalTestPolicy.CLOCK.advance(Duration.ofMinutes(ApprovalTestPolicy.VALID_MINUTES).plusSeconds(1));
		this.emulator.clearRecordedRequests();

		HttpResponse<String> late = issue(signedIn(ApprovalTestPolicy.MEMBER, this.first), freshCode());

		assertThat(late.statusCode()).isEqualTo(403);
		assertThat(assumeRoleCalls()).isEmpty();
		int closed = this.first.getBean(ApprovalCloser.class).closeExpired()
				+ this.second.getBean(ApprovalCloser.class).closeExpired();
		assertThat(closed).isEqualTo(1);
		assertThat(outcomes(id)).containsExactly("APPROVAL_REQUESTED", "APPROVAL_APPROVED", "APPROVAL_EXPIRED");
	}

	@Test
	void issueWhenStsRefusesAMistypedCodeThenTheApprovalIsGivenBackAndTheRightCodeUsesIt() throws Exception {
		long id = approvedOnTheOtherInstance();
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		String wrong = Totp.currentCode(KEYS.device().base32Secret(),
				Clock.offset(Clock.systemUTC(), Duration.ofHours(5)));
		this.sentCodes.add(wrong);

		HttpResponse<String> mistyped = issue(member, wrong);
		HttpResponse<String> typed = issue(member.at(port(this.second)), freshCode());

		assertThat(mistyped.statusCode()).as("STS refused the code").isBetween(400, 499).isNotEqualTo(403);
		assertThat(typed.statusCode()).as(typed.body()).isEqualTo(200);
		assertThat(outcomes(id)).containsExactly("APPROVAL_REQUESTED", "APPROVAL_APPROVED", "APPROVAL_USED",
				"APPROVAL_RELEASED", "APPROVAL_USED");
	}

	@Test
	void requestWhenUnansweredPastItsTimeThenExpiredAndCannotBeApproved() throws Exception {
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		assertThat(request(member, GUARDED, "3600", "deploy").statusCode()).isEqualTo(302);
		long id = onlyRequestId();
		ApprovalTestPolicy.CLOCK.advance(Duration.ofHours(25));
		assertThat(this.second.getBean(ApprovalCloser.class).closeExpired()).isEqualTo(1);
		HttpResponse<String> late = answer(signedIn(ApprovalTestPolicy.APPROVER, this.second), id, "approve", "");
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(outcomes(id)).containsExactly("APPROVAL_REQUESTED", "APPROVAL_EXPIRED");
	}

	@Test
	void issuesWhenSentAtOnceToBothInstancesWithOneApprovalThenExactlyOneStsCall() throws Exception {
		approvedOnTheOtherInstance();
		PortalClient a = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		PortalClient b = a.at(port(this.second));
		String tokenA = a.csrfToken();
		String tokenB = b.csrfToken();
		String code = freshCode();
		this.emulator.clearRecordedRequests();
		List<Callable<Integer>> issues = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			PortalClient instance = (i % 2 == 0) ? a : b;
			String token = (i % 2 == 0) ? tokenA : tokenB;
			issues.add(() -> instance.post("/session-token",
					Map.of("source", KEYS.userName(), "serialNumber", KEYS.device().serialNumber(), "tokenCode", code,
							"durationSeconds", "3600", "profileName", "mfa", "roleArn", GUARDED, "_csrf", token),
					false)
				.statusCode());
		}

		List<Integer> statuses = AtOnce.run(issues);

		assertThat(assumeRoleCalls()).as("AssumeRole calls").hasSize(1);
		assertThat(statuses).containsOnly(200, 403).filteredOn((status) -> status == 200).hasSize(1);
	}

	@Test
	void withdrawWhenPendingThenClosedAndRecordedAndNoLongerAnswerable() throws Exception {
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		assertThat(request(member, GUARDED, "900", "deploy").statusCode()).isEqualTo(302);
		long id = onlyRequestId();
		PortalClient outsider = signedIn(ApprovalTestPolicy.OUTSIDER, this.second);
		assertThat(outsider
			.post("/approvals/" + id + "/withdraw", Map.of("_csrf", outsider.csrfToken("/approvals")), false)
			.statusCode()).isEqualTo(404);
		assertThat(member.post("/approvals/" + id + "/withdraw", Map.of("_csrf", member.csrfToken("/approvals")), false)
			.statusCode()).isEqualTo(302);
		assertThat(answer(signedIn(ApprovalTestPolicy.APPROVER, this.second), id, "approve", "").statusCode())
			.isEqualTo(409);
		assertThat(outcomes(id)).containsExactly("APPROVAL_REQUESTED", "APPROVAL_WITHDRAWN");
	}

	@Test
	void requestWhenNoRuleAsksOrLongerThanTheRuleThenRefusedSayingWhy() throws Exception {
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		HttpResponse<String> open = request(member, ApprovalTestPolicy.OPEN, "3600", "read");
		assertThat(open.statusCode()).isEqualTo(400);
		assertThat(Html.parse(open.body()).select("[data-global-error]").text())
			.contains("there is nothing to approve");
		HttpResponse<String> tooLong = request(member, GUARDED, "7200", "deploy");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(Html.parse(tooLong.body()).select("[data-global-error]").text())
			.contains("7200 seconds is longer than rule h21b-deploy-needs-oncall allows (3600 seconds)");
		assertThat(jdbc().sql("select count(*) from approval_request").query(Integer.class).single()).isZero();
	}

	@Test
	void requestWhenMadeThenTheOutboxHoldsItsEventWithIdsOnly() throws Exception {
		String reason = "h21b-canary-reason-do-not-leak";
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		assertThat(request(member, GUARDED, "3600", reason).statusCode()).isEqualTo(302);
		long id = onlyRequestId();
		assertThat(
				answer(signedIn(ApprovalTestPolicy.APPROVER, this.second), id, "deny", "h21b-canary-note").statusCode())
			.isEqualTo(302);

		List<Map<String, Object>> events = jdbc()
			.sql("select type, actor, payload, summary from event_outbox where payload like ? order by seq")
			.param("%approval-" + id + "\"%")
			.query()
			.listOfRows();
		assertThat(events).extracting((row) -> row.get("type"))
			.containsExactly("approval-requested", "approval-denied");
		assertThat(events.get(0).get("actor")).isEqualTo(ApprovalTestPolicy.MEMBER);
		assertThat((String) events.get(0).get("payload")).contains(GUARDED);
		assertThat(events.get(1).get("actor")).isEqualTo(ApprovalTestPolicy.APPROVER);
		assertThat(events)
			.allSatisfy((row) -> assertThat(row.toString()).doesNotContain(reason).doesNotContain("h21b-canary-note"));
	}

	/**
	 * 200 seeded values (mostly hostile: markup, control characters, sizes past every
	 * limit, shell and template syntax) as the role, the reason and the note, over both
	 * instances: never a 5xx, every refusal names its field or says why, and a reason
	 * that is taken is stored as it was sent.
	 */
	@Test
	void hostileValuesWhenSentAsRoleArnReasonOrNoteThenNeverA5xxAndEachRefusalSaysWhy() throws Exception {
		HostileValues values = new HostileValues(Long.getLong("portal.fuzz.seed", 20261206L));
		PortalClient member = signedIn(ApprovalTestPolicy.MEMBER, this.first);
		PortalClient approver = signedIn(ApprovalTestPolicy.APPROVER, this.second);
		String memberToken = member.csrfToken("/approvals");
		String approverToken = approver.csrfToken("/approvals");
		for (int i = 0; i < 200; i++) {
			String roleArn = values.next(GUARDED);
			HttpResponse<String> role = member.post("/approvals",
					Map.of("roleArn", roleArn, "durationSeconds", "900", "reason", "fuzz", "_csrf", memberToken),
					false);
			assertRefusedClearlyOrTaken(role, "roleArn=" + roleArn);

			String reason = values.next("deploy the fix");
			HttpResponse<String> asked = member.post("/approvals",
					Map.of("roleArn", GUARDED, "durationSeconds", "900", "reason", reason, "_csrf", memberToken),
					false);
			assertRefusedClearlyOrTaken(asked, "reason=" + reason);
			if (asked.statusCode() == 302) {
				assertThat(jdbc().sql("select reason from approval_request order by id desc fetch first 1 rows only")
					.query(String.class)
					.single()).isEqualTo(reason);
			}

			String note = values.next("ok");
			List<Long> pending = jdbc().sql("select id from approval_request where status = 'PENDING' order by id")
				.query(Long.class)
				.list();
			if (!pending.isEmpty()) {
				HttpResponse<String> answered = approver.post("/approvals/" + pending.get(0) + "/deny",
						Map.of("note", note, "_csrf", approverToken), false);
				assertRefusedClearlyOrTaken(answered, "note=" + note);
			}
		}
	}

	private static void assertRefusedClearlyOrTaken(HttpResponse<String> answer, String sent) {
		assertThat(answer.statusCode()).as(sent).isIn(302, 400);
		if (answer.statusCode() == 400) {
			Document page = Html.parse(answer.body());
			assertThat(page.select(".field-error, [data-global-error], [data-refusal]").eachText()).as(sent)
				.isNotEmpty()
				.allSatisfy((text) -> assertThat(text).isNotBlank());
		}
	}

	static class Keys {

		@Bean
		@Primary
		CredentialSources h21bKeys() {
			return new EmulatedAccounts(List.of(KEYS));
		}

	}

}
