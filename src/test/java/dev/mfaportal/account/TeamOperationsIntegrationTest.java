package dev.mfaportal.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.mfaportal.support.PortalClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode as a platform team runs it: probes need no sign-in, STS being unreachable
 * does not take the portal down, and metrics are for admins, by session or by HTTP Basic
 * for a scraper.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=ops-admin-password-1", "server.address=127.0.0.1",
				"portal.encryption.key=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
				"spring.datasource.url=jdbc:h2:mem:team-ops", "portal.sts.endpoint=http://127.0.0.1:9" })
@ActiveProfiles("team")
class TeamOperationsIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void healthWhenStsUnreachableThenPortalUpAndStsGroupSaysSo() throws Exception {
		PortalClient probe = new PortalClient(this.port);
		HttpResponse<String> sts = probe.get("/actuator/health/sts");
		for (int i = 0; i < 100 && sts.body().contains("UNKNOWN"); i++) {
			Thread.sleep(50);
			sts = probe.get("/actuator/health/sts");
		}
		assertThat(sts.statusCode()).isEqualTo(503);
		assertThat(sts.body()).contains("\"status\":\"UNREACHABLE\"").contains("http://127.0.0.1:9");

		HttpResponse<String> health = probe.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).endsWith("\"status\":\"UP\"}").contains("UNREACHABLE");
		assertThat(probe.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void metricsWhenAnonymousOrMemberThenRefusedAndAdminByBasicOrSessionThenScraped(@Autowired UserRepository users,
			@Autowired PasswordEncoder encoder) throws Exception {
		users.insert("ops-member", "ops-member@example.com", encoder.encode("ops-member-password-1"), false, false,
				Instant.now());
		assertThat(basic("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(basic("/actuator/prometheus", "admin:wrong-password").statusCode()).isEqualTo(401);
		assertThat(basic("/actuator/prometheus", "ops-member:ops-member-password-1").statusCode()).isEqualTo(403);
		assertThat(basic("/actuator/env", "admin:ops-admin-password-1").statusCode()).isEqualTo(404);

		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "ops-admin-password-1");
		assertThat(admin.get("/actuator/info").statusCode()).isEqualTo(200);
		HttpResponse<String> scrape = basic("/actuator/prometheus", "admin:ops-admin-password-1");
		assertThat(scrape.statusCode()).isEqualTo(200);
		// the browser sign-in counts; the scraper's HTTP Basic does not, its wrong
		// password does
		assertThat(scrape.body()).containsPattern("portal_logins_total\\{[^}]*outcome=\"success\"[^}]*} 1\\.0")
			.containsPattern("portal_logins_total\\{[^}]*outcome=\"failure\"[^}]*} [1-9]");
	}

	private HttpResponse<String> basic(String path, String userAndPassword) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (userAndPassword != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
