package dev.mfaportal.policy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.system.SqlTime;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy holds on every instance: a refused request never reaches STS and spends no
 * code, a change on disk reaches both within 5 seconds, a bad change keeps the last good
 * policy and says why with its line, on the admin page, in readiness and in the history.
 */
abstract class PolicyOnTwoInstancesTests extends PolicyOnTwoInstancesContract {

	static final String SECOND_POLICY = """
			rules:
			  - name: admins-all
			    who: [user:admin]
			    session-token: {max-seconds: 3600}
			    roles:
			      - arn: "arn:aws:iam::123456789012:role/admin"
			        max-seconds: 3600
			""";

	static final String BAD_POLICY = """
			rules:
			  - who: [user:admin]
			    roles:
			      - arn: "arn:aws:iam::123456789012:user/alice"
			        max-seconds: 900
			""";

	/** Each test starts from the first policy, on both instances. */
	@BeforeEach
	void firstPolicy() throws Exception {
		if (!Files.readString(this.policyFile).equals(FIRST_POLICY)) {
			Files.writeString(this.policyFile, FIRST_POLICY);
		}
		within(Duration.ofSeconds(5), "both instances on the first policy",
				() -> rulesShown(this.a).equals(List.of("readers-read"))
						&& rulesShown(this.b).equals(List.of("readers-read")) && errorShown(this.a) == null
						&& errorShown(this.b) == null);
	}

	@Test
	void requestsThePolicyRefusesWhenSentToEitherInstanceThen403NamingTheRuleStsNeverCalledCodeUnspent()
			throws Exception {
		EmulatedUser user = USERS.get(0);
		String code = EmulatedAccounts.code(user);
		this.emulator.clearRecordedRequests();

		HttpResponse<String> nobody = this.a.post("/session-token", roleForm(user, code, ADMIN_ROLE.arn(), 900), true);
		HttpResponse<String> tooLong = this.b.post("/session-token", roleForm(user, code, READ_LOGS.arn(), 3601), true);
		HttpResponse<String> sessionToken = this.a.post("/session-token", sessionForm(user, code, 900), true);
		HttpResponse<String> unapproved = this.b.post("/session-token", roleForm(user, code, DEPLOY.arn(), 900), true);

		assertThat(List.of(nobody, tooLong, sessionToken, unapproved)).allSatisfy((refused) -> {
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
			assertThat(policyRefusal(refused)).isNotNull();
		});
		assertThat(policyRefusal(nobody).hasAttr("data-rule")).as("no rule to name").isFalse();
		assertThat(policyRefusal(nobody).text()).contains("No rule of the team's policy lets you assume")
			.contains(ADMIN_ROLE.arn());
		assertThat(policyRefusal(tooLong).attr("data-rule")).isEqualTo("readers-read");
		assertThat(policyRefusal(tooLong).text()).contains("readers-read").contains("3600");
		assertThat(policyRefusal(unapproved).attr("data-decision")).isEqualTo("APPROVAL_REQUIRED");
		assertThat(issuingCalls()).as("STS calls").isZero();

		HttpResponse<String> allowed = this.a.post("/session-token", roleForm(user, code, READ_LOGS.arn(), 3600), true);

		assertThat(allowed.statusCode()).as("the same code, never spent: " + allowed.body()).isEqualTo(200);
		assertThat(issuingCalls()).isOne();
		assertThat(jdbc().sql("select count(*) from audit_event where source = ? and outcome = 'REJECTED_POLICY'")
			.param(user.userName())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void approvalWhenThePolicyFileAsksForOneThenTheRefusalLinksToARequestTheNamedApproverAnswersOnTheOtherInstanceAndItOpensOneIssue()
			throws Exception {
		EmulatedUser user = USERS.get(4);
		String code = EmulatedAccounts.code(user);
		jdbc()
			.sql("insert into portal_user (username, password_hash, admin, enabled, must_change_password, "
					+ "created_at) values (?, ?, false, true, false, ?)")
			.params("h21a-oncall", this.first.getBean(PasswordEncoder.class).encode(ADMIN_PASSWORD),
					SqlTime.of(Instant.now()))
			.update();
		this.emulator.clearRecordedRequests();

		HttpResponse<String> unapproved = this.a.post("/session-token", roleForm(user, code, DEPLOY.arn(), 900), true);
		Element ask = policyRefusal(unapproved).selectFirst("a[data-ask-approval]");
		assertThat(ask).isNotNull();
		assertThat(ask.attr("href")).startsWith("/approvals?").contains("durationSeconds=900");
		assertThat(this.a
			.post("/approvals", Map.of("roleArn", DEPLOY.arn(), "durationSeconds", "900", "reason", "ship the fix",
					"_csrf", this.a.csrfToken("/approvals")), false)
			.statusCode()).isEqualTo(302);
		long id = jdbc().sql("select id from approval_request where role_arn = ? and status = 'PENDING'")
			.param(DEPLOY.arn())
			.query(Long.class)
			.single();
		PortalClient approver = new PortalClient(port(this.second));
		approver.login("h21a-oncall", ADMIN_PASSWORD);
		assertThat(approver
			.post("/approvals/" + id + "/approve", Map.of("note", "go", "_csrf", approver.csrfToken("/approvals")),
					false)
			.statusCode()).isEqualTo(302);

		HttpResponse<String> approved = this.a.post("/session-token", roleForm(user, code, DEPLOY.arn(), 900), true);
		HttpResponse<String> again = this.b.post("/session-token", roleForm(user, code, DEPLOY.arn(), 900), true);

		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		assertThat(again.statusCode()).as("the approval opened one issue").isEqualTo(403);
		assertThat(policyRefusal(again).attr("data-decision")).isEqualTo("APPROVAL_REQUIRED");
		assertThat(issuingCalls()).isOne();
	}

	@Test
	void policyChangeWhenWrittenThenBothInstancesEnforceItWithinFiveSecondsAndABadOneKeepsTheLastGood()
			throws Exception {
		Files.writeString(this.policyFile, SECOND_POLICY);

		within(Duration.ofSeconds(5), "the change on both instances",
				() -> rulesShown(this.a).equals(List.of("admins-all"))
						&& rulesShown(this.b).equals(List.of("admins-all")));
		EmulatedUser onA = USERS.get(1);
		EmulatedUser onB = USERS.get(2);
		assertThat(
				this.a.post("/session-token", roleForm(onA, EmulatedAccounts.code(onA), ADMIN_ROLE.arn(), 3600), true)
					.statusCode())
			.isEqualTo(200);
		assertThat(this.b.post("/session-token", sessionForm(onB, EmulatedAccounts.code(onB), 3600), true).statusCode())
			.isEqualTo(200);

		Files.writeString(this.policyFile, BAD_POLICY);

		within(Duration.ofSeconds(5), "the refusal on both instances",
				() -> errorShown(this.a) != null && errorShown(this.b) != null);
		assertThat(errorShown(this.a)).contains("line 4").contains("not a role ARN pattern");
		assertThat(rulesShown(this.b)).as("the last good policy").containsExactly("admins-all");
		String readiness = this.b.get("/actuator/health/readiness").body();
		assertThat(readiness).contains("teamPolicy").contains("line 4");
		within(Duration.ofSeconds(5), "each instance's refusal in the history",
				() -> count("select count(*) from audit_event where outcome = 'POLICY_REJECTED'") >= 2);
		within(Duration.ofSeconds(30), "each instance's refusal sent as an event",
				() -> this.receiver.posts()
					.stream()
					.filter((post) -> post.body().contains("\"type\":\"policy-rejected\""))
					.map((post) -> post.body().contains("\"instance\":\"first\"") ? "first" : "second")
					.distinct()
					.count() == 2);
		assertThat(count("select count(*) from audit_event where outcome = 'POLICY_LOADED'"))
			.as("read at start and after the change, on each instance")
			.isGreaterThanOrEqualTo(4);
	}

	@Test
	void adminPageWhenOpenedThenShowsSourceRulesAndWhatANameMayGet() throws Exception {
		Document page = Html.parse(this.b.get("/admin/policy?name=admin").body());

		assertThat(page.selectFirst("[data-policy-source]").text()).contains(this.policyFile.toString());
		assertThat(page.select("[data-policy-groups] [data-group]").eachAttr("data-group")).containsExactly("readers");
		assertThat(page.select("[data-grants-roles] [data-role]").eachAttr("data-role"))
			.containsExactly("arn:aws:iam::123456789012:role/read-*", DEPLOY.arn());
		assertThat(page.selectFirst("[data-grants-session]").text()).isNotBlank();

		Document nobody = Html.parse(this.a.get("/admin/policy?name=h21a-nobody").body());
		assertThat(nobody.select("[data-grants-roles] [data-role]")).isEmpty();
	}

	@Test
	void formWhenOpenedThenOffersTheAllowedRolesAndCapsTheLength() throws Exception {
		Document form = Html.parse(this.a.get("/").body());

		assertThat(form.select("datalist#policy-roles option").eachAttr("value")).containsExactly(DEPLOY.arn());
		assertThat(form.selectFirst("input#roleArn").attr("list")).isEqualTo("policy-roles");
		assertThat(form.select("[data-policy-patterns] [data-pattern]").eachAttr("data-pattern"))
			.containsExactly("arn:aws:iam::123456789012:role/read-*");
		assertThat(form.selectFirst("input#durationSeconds").attr("max")).isEqualTo("3600");
	}

	@Test
	void hostileRoleArnsAndNamesWhenSent200TimesThenNever500AndStsNeverCalled() throws Exception {
		EmulatedUser user = USERS.get(3);
		String csrf = this.a.csrfToken();
		this.emulator.clearRecordedRequests();
		for (String hostile : hostileValues(new Random(21), 200)) {
			Map<String, String> fields = new LinkedHashMap<>(roleForm(user, "123456", hostile, 900));
			fields.put("_csrf", csrf);
			HttpResponse<String> issued = ((hostile.length() % 2 == 0) ? this.a : this.b).post("/session-token", fields,
					false);
			assertThat(issued.statusCode()).as("roleArn %s", hostile).isBetween(400, 499);
			HttpResponse<String> asked = this.a.get("/admin/policy?name="
					+ java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8));
			assertThat(asked.statusCode()).as("name %s", hostile).isLessThan(500);
		}
		assertThat(issuingCalls()).isZero();
	}

	/**
	 * Role ARNs the first policy allows none of: near misses of its patterns (another
	 * segment, another account, a star, a path), and text that is no ARN at all.
	 */
	static List<String> hostileValues(Random random, int count) {
		String[] pieces = { "arn:aws:iam::123456789012:role/read-x/admin", "arn:aws:iam::123456789012:role/read-*",
				"arn:aws:iam::123456789012:role/deploy/x", "arn:aws:iam::12345678901:role/read-a",
				"arn:aws:iam::123456789012:role/readx", "arn:aws:iam::*:role/*", "*", "arn:aws:iam::123456789012:role/",
				"arn:aws:iam::123456789012:user/read-a", "' or 1=1 --", "${T(java.lang.Runtime)}", "__${7*7}__",
				"#{7*7}", "<script>x</script>", "../../etc/passwd", "\u0000", "\r\nSet-Cookie: x=1", "é\u202Eread",
				"%00", "arn:aws:iam::123456789012:role/read-:" };
		List<String> values = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			StringBuilder value = new StringBuilder(pieces[random.nextInt(pieces.length)]);
			int extra = random.nextInt(4);
			for (int j = 0; j < extra; j++) {
				value.append(random.nextBoolean() ? pieces[random.nextInt(pieces.length)]
						: String.valueOf((char) (random.nextInt(0x2FF) + 1)));
			}
			if (random.nextInt(20) == 0) {
				value.append("a".repeat(3000));
			}
			values.add(value.toString());
		}
		return values;
	}

	private int count(String sql) {
		return jdbc().sql(sql).query(Integer.class).single();
	}

}
