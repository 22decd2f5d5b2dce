package dev.mfaportal.terminal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.security.LaunchToken;
import dev.mfaportal.support.PortalClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo shows serving end to end: a demo session held with one code, and the demo's
 * role that requires MFA served from it without a second code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class DemoServingIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	LaunchToken launchToken;

	@Autowired
	TerminalToken terminalToken;

	@Test
	void demoWhenServedThenItsMfaRoleProfileIsListedAndServedWithoutASecondCode() throws Exception {
		PortalClient browser = new PortalClient(this.port);
		browser.launch(this.launchToken.issue());
		HttpResponse<String> result = browser.post("/session-token",
				Map.of("source", "demo", "serialNumber", EmulatedMfaDevice.DEMO_SERIAL_NUMBER, "tokenCode",
						Totp.currentCode(EmulatedMfaDevice.DEMO_BASE32_SECRET, Clock.systemUTC()), "durationSeconds",
						"3600", "profileName", "mfa", "serve", "true"),
				true);
		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		Document page = Jsoup.parse(result.body());
		assertThat(page.selectFirst("[data-served-role=demo-mfa-admin] code:last-of-type").text())
			.isEqualTo("http://127.0.0.1:" + this.port + "/credentials/demo-mfa-admin");

		HttpResponse<String> role = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/credentials/demo-mfa-admin"))
				.header("Authorization", Files.readString(this.terminalToken.file()).strip())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(role.body()).get("AccessKeyId").asString()).startsWith("ASIA")
			.isNotEqualTo(page.selectFirst("[data-credential=accessKeyId]").text());
	}

}
