package dev.mfaportal.operations;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

import dev.mfaportal.security.LaunchToken;
import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of a local portal that issued credentials through the emulator:
 * anonymous health, the rest behind the launch session, the counters and the STS timer in
 * the Prometheus text, the build and commit in info, and one request id in the header,
 * the log and the error page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:ops",
				"logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@PortalWithEmulator
class OperationsIntegrationTest {

	static final EmulatedUser OPS = new EmulatedUser("AKIAOPERATIONS000001", "OpsLongTermSecret/0123456789abcdefABCDE",
			"123456789012", "ops", false,
			new EmulatedMfaDevice("arn:aws:iam::123456789012:mfa/ops", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(OPS));

	@LocalServerPort
	int port;

	@Autowired
	LaunchToken launchToken;

	PortalClient stranger;

	PortalClient owner;

	@BeforeEach
	void clients() throws Exception {
		this.stranger = new PortalClient(this.port);
		this.owner = new PortalClient(this.port);
		assertThat(this.owner.launch(this.launchToken.issue()).statusCode()).isEqualTo(302);
	}

	@Test
	void healthWhenAnonymousThenUpWithDatabaseAndStsAsComponents() throws Exception {
		HttpResponse<String> health = this.stranger.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"stsEndpoint\"");
		assertThat(this.stranger.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(this.stranger.get("/actuator/health/readiness").body()).contains("\"db\"");
		assertThat(awaitStsChecked(this.stranger)).contains("\"status\":\"UP\"")
			.contains(emulator.endpoint().toString());
	}

	@Test
	void infoAndMetricsWhenAnonymousThenRefusedAndWithTheLaunchSessionThenShown() throws Exception {
		assertThat(this.stranger.get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(this.stranger.get("/actuator/info").statusCode()).isEqualTo(401);
		HttpResponse<String> info = this.owner.get("/actuator/info");
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"build\"").contains("\"artifact\":\"mfa-portal\"");
	}

	@Test
	void dangerousEndpointsWhenAskedEvenWithTheSessionThenNotThere() throws Exception {
		for (String path : new String[] { "/actuator/env", "/actuator/heapdump", "/actuator/configprops",
				"/actuator/beans", "/actuator/loggers", "/actuator/threaddump", "/h2-console" }) {
			assertThat(this.owner.get(path).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void prometheusWhenCredentialsIssuedAndCodesRefusedThenCountedAndStsTimed() throws Exception {
		String code = Totp.currentCode(OPS.device().base32Secret(), Clock.systemUTC());
		assertThat(this.owner.post("/session-token", form(code), true).statusCode()).isEqualTo(200);
		String wrong = EmulatedAccounts.wrongCode(OPS, 1);
		assertThat(this.owner.post("/session-token", form(wrong), true).statusCode()).isEqualTo(422);
		assertThat(this.owner.post("/session-token", form(wrong), true).statusCode()).isEqualTo(409);

		String metrics = this.owner.get("/actuator/prometheus").body();
		assertThat(metrics).containsPattern("portal_issues_total\\{[^}]*outcome=\"issued\",reason=\"none\"[^}]*} [1-9]")
			.containsPattern("portal_issues_total\\{[^}]*outcome=\"failed\",reason=\"invalid_code\"[^}]*} [1-9]")
			.containsPattern("portal_issues_total\\{[^}]*outcome=\"rejected\",reason=\"code_reused\"[^}]*} [1-9]")
			.containsPattern("portal_attempts_refused_total\\{[^}]*reason=\"code_reused\"[^}]*} [1-9]")
			.containsPattern(
					"portal_sts_calls_seconds_count\\{[^}]*operation=\"GetSessionToken\",outcome=\"success\"[^}]*} [1-9]")
			.containsPattern(
					"portal_sts_calls_seconds_count\\{[^}]*operation=\"GetSessionToken\",outcome=\"invalid_code\"[^}]*} [1-9]")
			.contains("portal_sts_calls_seconds_bucket")
			.doesNotContain(OPS.accessKeyId())
			.doesNotContain(OPS.device().serialNumber())
			.doesNotContain(code);
	}

	@Test
	void requestIdWhenProxySendsOneThenEchoedAndOtherwiseMadeAndOnTheErrorPage(CapturedOutput output) throws Exception {
		HttpResponse<String> proxied = this.owner.getWithHeaders("/", Map.of("X-Request-Id", "proxy-id-0001"));
		assertThat(proxied.headers().firstValue("X-Request-Id")).hasValue("proxy-id-0001");
		HttpResponse<String> forged = this.owner.getWithHeaders("/", Map.of("X-Request-Id", "bad id\" injected"));
		assertThat(forged.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[A-Z2-9]{8}"));

		HttpResponse<String> missing = this.owner.get("/no-such-page");
		assertThat(missing.statusCode()).isEqualTo(404);
		String id = missing.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(missing.body()).contains("Request id " + id);
		// The dispatcher's DEBUG lines for this request carry its id.
		assertThat(output.getAll()).containsPattern("\\[" + id + "\\] .*GET \"/no-such-page\"");
	}

	private static Map<String, String> form(String code) {
		return Map.of("source", "ops", "serialNumber", OPS.device().serialNumber(), "tokenCode", code,
				"durationSeconds", "3600", "profileName", "mfa");
	}

	static String awaitStsChecked(PortalClient client) throws Exception {
		String body = "";
		for (int i = 0; i < 100; i++) {
			body = client.get("/actuator/health/sts").body();
			if (!body.contains("UNKNOWN")) {
				return body;
			}
			Thread.sleep(50);
		}
		return body;
	}

}
