package dev.mfaportal.issuing;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.SessionContext;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode names the member in every role session, through the portal, the real SDK
 * client and the emulator, which keeps each session's source identity and tags as
 * CloudTrail would show them; a role whose trust lacks the permission gets the statement
 * that adds it, and the code counts as sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-username=" + CloudTrailNamesIntegrationTest.ADMIN,
				"portal.team.admin-password=h21c-admin-password-1",
				"portal.encryption.key=IRIhISEhISEhISEhISEhISEhISEhISEhISEhISEhISE=" })
@ActiveProfiles("team")
@PortalWithEmulator(accounts = false)
class CloudTrailNamesIntegrationTest {

	/** A name no admin form would take, as a configured first admin can have. */
	static final String ADMIN = "Zoë O'Brien";

	/** One IAM user per test: each spends codes of its own. */
	static final EmulatedUser RITA = EmulatedAccounts.user("h21crita");

	static final EmulatedUser ZOE = EmulatedAccounts.user("h21czoe");

	static final EmulatedUser TINA = EmulatedAccounts.user("h21ctina");

	static final EmulatedRole SHARED = new EmulatedRole("arn:aws:iam::123456789012:role/shared", 3600);

	static final EmulatedRole UNTRUSTING = new EmulatedRole("arn:aws:iam::123456789012:role/untrusting", 3600)
		.trustAllowing(false, false);

	static final TestEmulator emulator = TestEmulator
		.start(EmulatorSettings.of(RITA, ZOE, TINA).withRoles(List.of(SHARED, UNTRUSTING)));

	@LocalServerPort
	int port;

	private PortalClient admin() throws Exception {
		PortalClient admin = new PortalClient(this.port);
		admin.login(ADMIN, "h21c-admin-password-1");
		return admin;
	}

	private PortalClient member(String name) throws Exception {
		HttpResponse<String> added = admin().post("/admin/users", Map.of("username", name), true);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(added.body());
		assertThat(oneTime.find()).as(added.body()).isTrue();
		PortalClient member = new PortalClient(this.port);
		member.login(name, oneTime.group(1));
		String password = name + "-password-0001";
		member.post("/account/password", Map.of("currentPassword", oneTime.group(1), "newPassword", password,
				"confirmation", password, "_csrf", member.csrfToken("/account/password")), false);
		return member;
	}

	private static String code(EmulatedUser user, int stepsAhead) {
		return Totp.currentCode(user.device().base32Secret(),
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * stepsAhead)));
	}

	private static HttpResponse<String> assume(PortalClient member, EmulatedUser user, EmulatedRole role, String code)
			throws Exception {
		return member.post("/session-token",
				Map.of("source", "once", "onceAccessKeyId", user.accessKeyId(), "onceSecretAccessKey",
						user.secretAccessKey(), "serialNumber", user.device().serialNumber(), "tokenCode", code,
						"durationSeconds", "900", "profileName", "mfa", "roleArn", role.arn(), "roleSessionName",
						"session"),
				true);
	}

	private static RecordedRequest lastAssumeRole() {
		List<RecordedRequest> calls = emulator.recordedRequests()
			.stream()
			.filter((call) -> "AssumeRole".equals(call.action()))
			.toList();
		assertThat(calls).isNotEmpty();
		return calls.get(calls.size() - 1);
	}

	@Test
	void roleWhenAMemberAssumesItThenTheSessionCarriesTheirNameAsSourceIdentityAndTag() throws Exception {
		PortalClient rita = member("h21c-rita");

		HttpResponse<String> issued = assume(rita, RITA, SHARED, code(RITA, 0));

		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		RecordedRequest call = lastAssumeRole();
		assertThat(call.parameters()).containsEntry("SourceIdentity", "h21c-rita")
			.containsEntry("Tags.member.1.Key", "mfa-portal-member")
			.containsEntry("Tags.member.1.Value", "h21c-rita");
		assertThat(emulator.session(call.issuedAccessKeyId()))
			.hasValue(new SessionContext("h21c-rita", Map.of("mfa-portal-member", "h21c-rita")));
	}

	@Test
	void roleWhenTheMembersNameIsOutsideStsPatternThenTheMappedNameReachesTheSession() throws Exception {
		HttpResponse<String> issued = assume(admin(), ZOE, SHARED, code(ZOE, 0));

		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		SessionContext session = emulator.session(lastAssumeRole().issuedAccessKeyId()).orElseThrow();
		assertThat(session.sourceIdentity()).isEqualTo("Zo=C3=AB=20O=27Brien");
		assertThat(session.tags()).containsEntry("mfa-portal-member", "Zoë O=27Brien");
	}

	/**
	 * STS saw the code, so the portal holds it as sent: the same code again is refused
	 * without a call, and the refusal is not a wrong code, so nothing counts towards a
	 * lock.
	 */
	@Test
	void roleWhenItsTrustLacksThePermissionThenThePageShowsTheStatementToAddAndTheCodeCountsAsSent() throws Exception {
		PortalClient tina = member("h21c-tina");
		String code = code(TINA, 0);

		HttpResponse<String> refused = assume(tina, TINA, UNTRUSTING, code);

		assertThat(refused.statusCode()).isEqualTo(422);
		Document page = Html.parse(refused.body());
		assertThat(page.select("[data-failure]").attr("data-failure-key"))
			.isEqualTo("sts.failure.member-name-not-trusted");
		JsonNode statement = JsonMapper.builder().build().readTree(page.select("[data-trust-statement]").text());
		assertThat(statement.path("Effect").asString()).isEqualTo("Allow");
		assertThat(statement.path("Principal").path("AWS").asString())
			.isEqualTo("arn:aws:iam::123456789012:user/h21ctina");
		assertThat(statement.path("Action")).extracting(JsonNode::asString)
			.containsExactly("sts:SetSourceIdentity", "sts:TagSession");
		assertThat(lastAssumeRole().errorCode()).isEqualTo("AccessDenied");

		int calls = emulator.recordedRequests().size();
		HttpResponse<String> again = assume(tina, TINA, UNTRUSTING, code);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(emulator.recordedRequests()).hasSize(calls);

		assertThat(Html.parse(tina.get("/history").body()).select("[data-outcome=FAILED]")).hasSize(1);
		HttpResponse<String> next = assume(tina, TINA, SHARED, code(TINA, 1));
		assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
	}

}
