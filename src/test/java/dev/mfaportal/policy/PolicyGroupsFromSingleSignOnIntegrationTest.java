package dev.mfaportal.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.StubOpenIdProvider;
import dev.mfaportal.support.StubOpenIdProvider.Account;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

	@Test
	void memberWhenSignedInWithAGroupsClaimThenThoseGroupsAndThePolicysOwnCountOnTheForm(
			@org.springframework.beans.factory.annotation.Autowired JdbcClient jdbc) throws Exception {
		jdbc.sql("insert into portal_user (username, email, admin, enabled, must_change_password, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params("h21a-sso", "h21a-sso@example.com", false, true, false, java.sql.Timestamp.from(Instant.now()))
			.update();
		provider.add(new Account("h21a-sso-sub", "h21a-sso@example.com", true, List.of("deployers", "x y!")));
		PortalClient member = new PortalClient(this.port);

		HttpResponse<String> toProvider = member.get("/oauth2/authorization/stub");
		String authorize = toProvider.headers().firstValue("Location").orElseThrow();
		String callback = member.get(authorize + "&login_hint=h21a-sso-sub")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(member.get(callback).statusCode()).isEqualTo(302);

		Document form = Html.parse(member.get("/").body());
		assertThat(form.select("datalist#policy-roles option").eachAttr("value")).containsExactlyInAnyOrder(DEPLOY,
				READ);
	}

}
