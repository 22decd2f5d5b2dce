package dev.mfaportal.security;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.mfaportal.support.PortalClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode: the same headers as local mode on every route (signed in as an admin, and as
 * a stranger), on the sign-in page and its errors; HSTS once the request came over TLS.
 * The tests play the TLS proxy too: 127.0.0.1 is the one proxy whose forwarded headers
 * count.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=headers-admin-0001", "server.address=127.0.0.1",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
				"portal.encryption.key=BgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgYGBgY=" })
@ActiveProfiles("team")
class TeamHeadersIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyRouteWhenSignedInAsAdminThenEveryAnswerCarriesTheHeaders() throws Exception {
		PortalClient admin = new PortalClient(this.port);
		HardenedResponses.assertHardened(admin.get("/login"), "the sign-in page");
		HttpResponse<String> signedIn = admin.login("admin", "headers-admin-0001");
		HardenedResponses.assertHardened(signedIn, "the sign-in answer");
		int requests = HardenedResponses.walk(admin, this.mappings, "/devices/new");
		assertThat(requests).isGreaterThan(40);
		HardenedResponses.assertHardened(admin.get("/history.csv"), "the CSV export");
		HardenedResponses.assertHardened(admin.get("/no-such-page"), "a missing page");
		HardenedResponses.assertHardened(admin.post("/logout", Map.of(), false), "sign-out without CSRF");
	}

	@Test
	void everyRouteWhenNotSignedInThenRedirectsAndErrorsCarryTheHeaders() throws Exception {
		PortalClient stranger = new PortalClient(this.port);
		for (String path : HardenedResponses.routes(this.mappings).keySet()) {
			HardenedResponses.assertHardened(stranger.get(path), "GET " + path + " signed out");
		}
		HardenedResponses.assertHardened(stranger.login("admin", "wrong-password"), "a failed sign-in");
		HardenedResponses.assertHardened(stranger.get("/login?error"), "the sign-in error page");
	}

	@Test
	void requestWhenItCameOverTlsThenStrictTransportSecurity() throws Exception {
		HttpResponse<String> overTls = new PortalClient(this.port).getWithHeaders("/login",
				Map.of("X-Forwarded-Proto", "https"));
		assertThat(overTls.headers().firstValue("Strict-Transport-Security"))
			.hasValue("max-age=31536000 ; includeSubDomains");
		HardenedResponses.assertHardened(overTls, "the sign-in page over TLS");
	}

	@Test
	void signInWhenFromTheConfiguredProxyThenTheAddressItForwardsIsTheOneCounted() throws Exception {
		for (int i = 1; i <= 20; i++) {
			assertThat(location(signInVia("198.51.100.7", "guessed-" + i))).endsWith("/login?error");
		}
		assertThat(location(signInVia("198.51.100.7", "guessed-21"))).endsWith("/login?throttled");
		assertThat(location(signInVia("198.51.100.8", "guessed-22"))).endsWith("/login?error");
	}

	private HttpResponse<String> signInVia(String forwardedFor, String username) throws Exception {
		PortalClient browser = new PortalClient(this.port);
		String token = browser.csrfToken("/login");
		return browser.postWithHeaders("/login", Map.of("username", username, "password", "wrong", "_csrf", token),
				Map.of("X-Forwarded-For", forwardedFor));
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	@Test
	void actuatorWhenTeamThenOnlyHealthWithoutSignIn() throws Exception {
		PortalClient stranger = new PortalClient(this.port);
		assertThat(stranger.get("/actuator/health").statusCode()).isEqualTo(200);
		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "headers-admin-0001");
		for (String path : ActuatorExposureIntegrationTest.HIDDEN) {
			assertThat(stranger.get(path).statusCode()).as(path + " signed out").isIn(302, 401, 403, 404);
			assertThat(admin.get(path).statusCode()).as(path + " as admin").isEqualTo(404);
		}
	}

	@Test
	void signInWhenPostedFromAnotherSiteThenRefused() throws Exception {
		HttpResponse<String> refused = adminSignIn(Map.of("Sec-Fetch-Site", "cross-site"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void signInWhenBehindATlsProxyThatSendsNoForwardedHeadersThenTheOriginStillMatches() throws Exception {
		HttpResponse<String> signedIn = adminSignIn(
				Map.of("Origin", "https://127.0.0.1", "Sec-Fetch-Site", "same-origin"));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).doesNotContain("error"));
	}

	/** The admin's sign-in form, from a fresh browser, posted with the headers. */
	private HttpResponse<String> adminSignIn(Map<String, String> headers) throws Exception {
		PortalClient browser = new PortalClient(this.port);
		String token = browser.csrfToken("/login");
		return browser.postWithHeaders("/login",
				Map.of("username", "admin", "password", "headers-admin-0001", "_csrf", token), headers);
	}

}
