package dev.mfaportal.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.StubOpenIdProvider;
import dev.mfaportal.support.StubOpenIdProvider.Account;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code portal.team.groups-claim}: the groups a provider gives the member signed in
 * through it count in the policy, beside the policy's own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=h21a-sso-admin-1", "server.address=127.0.0.1",
				"portal.encryption.key=BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=",
				"portal.team.groups-claim=groups" })
@ActiveProfiles("team")
class PolicyGroupsFromSingleSignOnIntegrationTest {

	static final String DEPLOY = "arn:aws:iam::123456789012:role/deploy";

	static final String READ = "arn:aws:iam::123456789012:role/read";

	static final String ONCALL_DEPLOY = "arn:aws:iam::123456789012:role/oncall-deploy";

	static final StubOpenIdProvider provider = StubOpenIdProvider.start("mfa-portal", "stub-client-secret");

	static final Path POLICY = policy("""
			groups:
			  readers: [h21a-sso]
			rules:
			  - name: deployers
			    who: [group:deployers]
			    roles:
			      - arn: "arn:aws:iam::123456789012:role/deploy"
			        max-seconds: 3600
			  - name: readers
			    who: [group:readers]
			    roles:
			      - arn: "arn:aws:iam::123456789012:role/read"
			        max-seconds: 900
			  - name: oncall-deploys
			    who: [group:oncall]
			    roles:
			      - arn: "arn:aws:iam::123456789012:role/oncall-deploy"
			        max-seconds: 3600
			        approval: {by: [user:h21a-lead], valid-minutes: 60}
			""");

	private static Path policy(String text) {
		try {
			Path file = Files.createTempFile("h21a-sso-policy", ".yaml");
			return Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void registrations(DynamicPropertyRegistry registry) {
		registry.add("portal.team.policy-file", POLICY::toString);
		registry.add("spring.security.oauth2.client.provider.stub.issuer-uri", provider::issuer);
		String prefix = "spring.security.oauth2.client.registration.stub.";
		registry.add(prefix + "provider", () -> "stub");
		registry.add(prefix + "client-id", () -> "mfa-portal");
		registry.add(prefix + "client-secret", () -> "stub-client-secret");
		registry.add(prefix + "scope", () -> "openid,email");
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	/** A member the provider signs in, with these groups in the claim. */
	private PortalClient signedIn(String name, List<String> groups) throws Exception {
		this.jdbc
			.sql("insert into portal_user (username, email, admin, enabled, must_change_password, created_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
			.params(name, name + "@example.com", false, true, false, java.sql.Timestamp.from(Instant.now()))
			.update();
		provider.add(new Account(name + "-sub", name + "@example.com", true, groups));
		PortalClient member = new PortalClient(this.port);

		HttpResponse<String> toProvider = member.get("/oauth2/authorization/stub");
		String authorize = toProvider.headers().firstValue("Location").orElseThrow();
		String callback = member.get(authorize + "&login_hint=" + name + "-sub")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(member.get(callback).statusCode()).isEqualTo(302);
		return member;
	}

	private static HttpResponse<String> askApproval(PortalClient member) throws Exception {
		return member.post("/approvals", Map.of("roleArn", ONCALL_DEPLOY, "durationSeconds", "3600", "reason", "hotfix",
				"_csrf", member.csrfToken("/approvals")), false);
	}

	@Test
	void memberWhenSignedInWithAGroupsClaimThenThoseGroupsAndThePolicysOwnCountOnTheForm() throws Exception {
		PortalClient member = signedIn("h21a-sso", List.of("deployers", "x y!"));

		Document form = Html.parse(member.get("/").body());
		assertThat(form.select("datalist#policy-roles option").eachAttr("value")).containsExactlyInAnyOrder(DEPLOY,
				READ);
	}

	/**
	 * The requester's groups from single sign-on are known only while they act, so the
	 * request keeps the names that made it theirs for the approver who answers later.
	 */
	@Test
	void approvalWhenTheRuleNamesAGroupOnlySingleSignOnGivesThenItsMemberAsksAndTheRulesApproverAnswers()
			throws Exception {
		PortalClient member = signedIn("h21a-oncall", List.of("oncall", "payroll-secret"));
		PortalClient lead = signedIn("h21a-lead", List.of());
		PortalClient outsider = signedIn("h21a-outsider", List.of("deployers"));

		HttpResponse<String> refused = askApproval(outsider);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(Html.parse(refused.body()).select("[data-global-error]").text())
			.startsWith("No rule of the team's policy asks for an approval of " + ONCALL_DEPLOY);

		assertThat(askApproval(member).statusCode()).isEqualTo(302);
		long id = this.jdbc.sql("select id from approval_request where requester = ?")
			.param("h21a-oncall")
			.query(Long.class)
			.single();

		Document leadsPage = Html.parse(lead.get("/approvals").body());
		assertThat(leadsPage.select("[data-to-answer] tr[data-approval] [data-member]").eachText())
			.containsExactly("h21a-oncall");
		assertThat(Html.parse(outsider.get("/approvals").body()).select("[data-to-answer] tr[data-approval]"))
			.isEmpty();
		HttpResponse<String> notTheirs = outsider.post("/approvals/" + id + "/approve",
				Map.of("note", "", "_csrf", outsider.csrfToken("/approvals")), false);
		assertThat(notTheirs.statusCode()).isEqualTo(403);

		HttpResponse<String> approved = lead.post("/approvals/" + id + "/approve",
				Map.of("note", "go", "_csrf", lead.csrfToken("/approvals")), false);
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
		Document mine = Html.parse(member.get("/approvals").body());
		assertThat(mine.select("[data-mine] tr[data-approval=" + id + "]").attr("data-status")).isEqualTo("APPROVED");
		assertThat(this.jdbc.sql("select requester_groups from approval_request where id = ?")
			.param(id)
			.query(String.class)
			.single()).as("only the names the policy counts").isEqualTo("oncall");
	}

}
