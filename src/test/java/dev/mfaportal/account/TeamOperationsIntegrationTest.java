package dev.mfaportal.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.security.BrowserDefences;
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
 * does not take the portal down, and metrics are for admins' sessions and for a scraper
 * holding the scrape token, which opens nothing else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=ops-admin-password-1", "server.address=127.0.0.1",
				"portal.encryption.key=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
				"spring.datasource.url=jdbc:h2:mem:team-ops", "portal.sts.endpoint=http://127.0.0.1:9",
				"portal.operations.scrape-token=" + TeamOperationsIntegrationTest.SCRAPE_TOKEN })
@ActiveProfiles("team")
class TeamOperationsIntegrationTest {

	static final String SCRAPE_TOKEN = "scrape-token-0123456789abcdef0123456789";

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
	void metricsWhenTheScrapeTokenOrAnAdminsSessionThenScrapedAndWhenPasswordsOrNothingThenRefused(
			@Autowired UserRepository users, @Autowired PasswordEncoder encoder) throws Exception {
		users.insert("ops-member", "ops-member@example.com", encoder.encode("ops-member-password-1"), false, false,
				Instant.now());
		assertThat(scrape("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(scrape("/actuator/prometheus", "Bearer not-the-scrape-token").statusCode()).isEqualTo(401);
		assertThat(scrape("/actuator/prometheus", basic("admin:ops-admin-password-1")).statusCode()).isEqualTo(401);
		assertThat(scrape("/actuator/prometheus", basic("ops-member:ops-member-password-1")).statusCode())
			.isEqualTo(401);

		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "ops-admin-password-1");
		new PortalClient(this.port).login("admin", "a-wrong-password");
		assertThat(admin.get("/actuator/info").statusCode()).isEqualTo(200);
		assertThat(admin.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		HttpResponse<String> scrape = scrape("/actuator/prometheus", "Bearer " + SCRAPE_TOKEN);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().allValues("Set-Cookie")).isEmpty();
		for (HttpResponse<String> answer : List.of(scrape, scrape("/actuator/prometheus", "Bearer wrong-token"))) {
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as("the scrape chain's headers")
				.hasValue(BrowserDefences.CONTENT_SECURITY_POLICY);
			assertThat(answer.headers().firstValue("Cache-Control"))
				.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
		}
		// the browser's sign-ins count, the scraper's token is no sign-in
		assertThat(signIns(scrape.body(), "failure")).isPositive();
		double successes = signIns(scrape.body(), "success");
		assertThat(successes).isPositive();
		assertThat(signIns(scrape("/actuator/prometheus", "Bearer " + SCRAPE_TOKEN).body(), "success"))
			.isEqualTo(successes);
	}

	private static double signIns(String metrics, String outcome) {
		Matcher line = Pattern.compile("portal_logins_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)")
			.matcher(metrics);
		assertThat(line.find()).as("portal_logins_total " + outcome).isTrue();
		return Double.parseDouble(line.group(1));
	}

	@Test
	void scrapeTokenWhenSentAnywhereButPrometheusThenOpensNothing() throws Exception {
		String token = "Bearer " + SCRAPE_TOKEN;
		for (String page : new String[] { "/", "/devices", "/history", "/keys", "/admin/users", "/admin/keys",
				"/account/password" }) {
			HttpResponse<String> refused = scrape(page, token);
			assertThat(refused.statusCode()).as(page).isEqualTo(302);
			assertThat(refused.headers().firstValue("Location")).as(page)
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
		for (String endpoint : new String[] { "/actuator/info", "/actuator", "/actuator/metrics",
				"/actuator/prometheus/x" }) {
			assertThat(scrape(endpoint, token).statusCode()).as(endpoint).isIn(401, 403, 404);
		}
		HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/admin/users"))
			.header("Authorization", token)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=mallory&admin=true"))
			.build();
		assertThat(HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void scrapeTokenWhenStaleThenRefusedAndNoAdminIsLockedOut() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(scrape("/actuator/prometheus", "Bearer stale-scrape-token-0123456789abcdef").statusCode())
				.isEqualTo(401);
		}
		HttpResponse<String> signIn = new PortalClient(this.port).login("admin", "ops-admin-password-1");
		assertThat(signIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("/login"));
	}

	private static String basic(String userAndPassword) {
		return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> scrape(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
