package dev.mfaportal.security;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.mfaportal.support.PortalClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode: every route, before and after the launch link, every error, the static
 * files and the refused requests carry the headers; cross-site POSTs and oversized
 * requests are refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LocalHeadersIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	LaunchToken launchToken;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyRouteWhenLaunchedThenEveryAnswerCarriesTheHeaders() throws Exception {
		PortalClient browser = new PortalClient(this.port);
		assertThat(browser.launch(this.launchToken.issue()).statusCode()).isEqualTo(302);
		int requests = HardenedResponses.walk(browser, this.mappings, "/devices/new");
		assertThat(requests).isGreaterThan(20);
		for (String path : new String[] { "/no-such-page", "/css/portal.css", "/js/portal.js", "/img/favicon.svg",
				"/actuator/health", "/history.csv?from=not-a-date" }) {
			HardenedResponses.assertHardened(browser.get(path), "GET " + path);
		}
	}

	@Test
	void everyRouteWhenNotLaunchedThenRefusalsCarryTheHeaders() throws Exception {
		PortalClient stranger = new PortalClient(this.port);
		for (String path : HardenedResponses.routes(this.mappings).keySet()) {
			HardenedResponses.assertHardened(stranger.get(path), "GET " + path + " before launch");
		}
		HardenedResponses.assertHardened(stranger.launch("wrong-token"), "a wrong launch token");
	}

	@Test
	void plainHttpWhenLocalThenNoStrictTransportSecurity() throws Exception {
		assertThat(
				new PortalClient(this.port).get("/launch-required").headers().firstValue("Strict-Transport-Security"))
			.isEmpty();
	}

	@Test
	void foreignHostWhenRefusedByTheFirewallThenTheAnswerCarriesTheHeaders() throws Exception {
		String answer = raw("GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400")
			.contains("Content-Security-Policy: " + BrowserDefences.CONTENT_SECURITY_POLICY)
			.contains("X-Content-Type-Options: nosniff")
			.contains("Referrer-Policy: no-referrer")
			.contains("Cache-Control: no-store");
	}

	@Test
	void postWhenOriginIsForeignOrSecFetchSiteCrossSiteThenRefusedWithAClearPage() throws Exception {
		PortalClient browser = new PortalClient(this.port);
		browser.launch(this.launchToken.issue());
		String token = browser.csrfToken("/devices/new");
		Map<String, String> form = Map.of("_csrf", token, "label", "x");
		for (Map<String, String> headers : new Map[] { Map.of("Origin", "https://attacker.example"),
				Map.of("Origin", "null", "Sec-Fetch-Site", "cross-site"),
				Map.of("Origin", "http://127.0.0.1:" + (this.port + 1)), Map.of("Sec-Fetch-Site", "cross-site"),
				Map.of("Sec-Fetch-Site", "same-site"),
				Map.of("Origin", "http://127.0.0.1:" + this.port, "Sec-Fetch-Site", "cross-site") }) {
			HttpResponse<String> refused = browser.postWithHeaders("/devices", form, headers);
			assertThat(refused.statusCode()).as(headers.toString()).isEqualTo(403);
			assertThat(refused.body()).as(headers.toString()).contains("came from another web site");
			HardenedResponses.assertHardened(refused, headers.toString());
		}
		for (Map<String, String> headers : new Map[] { Map.of(), Map.of("Origin", "http://127.0.0.1:" + this.port),
				Map.of("Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:" + this.port),
				Map.of("Sec-Fetch-Site", "none"),
				// Chromium's own form post under Referrer-Policy: no-referrer.
				Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null"),
				// A browser without Sec-Fetch-Site under the same policy: the CSRF token
				// decides.
				Map.of("Origin", "null") }) {
			HttpResponse<String> accepted = browser.postWithHeaders("/devices", form, headers);
			assertThat(accepted.statusCode()).as(headers.toString()).isNotEqualTo(403).isLessThan(500);
		}
	}

	@Test
	void getWhenCrossSiteThenStillServedBecauseItChangesNothing() throws Exception {
		HttpResponse<String> page = new PortalClient(this.port).getWithHeaders("/launch-required",
				Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://attacker.example"));
		assertThat(page.statusCode()).isLessThan(500).isNotEqualTo(403);
		assertThat(page.headers().map().keySet()).noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
	}

	@Test
	void oversizedHeaderWhenSentThenRefusedWith4xx() throws Exception {
		String answer = raw("GET /launch-required HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
				+ "\r\nConnection: close\r\n\r\n");
		assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d.*");
	}

	@Test
	void oversizedFormWhenPostedThenRefusedWith4xx() throws Exception {
		PortalClient browser = new PortalClient(this.port);
		browser.launch(this.launchToken.issue());
		HttpResponse<String> answer = browser.post("/devices",
				Map.of("label", "x".repeat(100_000), "_csrf", browser.csrfToken("/devices/new")), false);
		assertThat(answer.statusCode()).isBetween(400, 499);
	}

	@Test
	void oversizedBodyWhenAnnouncedThenRefusedWith4xxNotAReset() throws Exception {
		String body = "label=" + "x".repeat(200_000);
		String answer = raw(
				"POST /devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
						+ "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
		assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d.*");
	}

	private String raw(String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
		}
	}

}
