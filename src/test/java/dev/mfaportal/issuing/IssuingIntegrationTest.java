package dev.mfaportal.issuing;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.LaunchablePortal;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow over HTTP: the portal's real SDK client signs with the source's
 * long-term keys and calls the emulator, which checks the signature and the TOTP code
 * like STS. Every log level that could leak is at DEBUG, and the captured output is
 * searched for the canaries.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.mfaportal=DEBUG", "logging.level.software.amazon.awssdk=DEBUG",
				"logging.level.software.amazon.awssdk.request=DEBUG", "logging.level.org.springframework.web=DEBUG",
				"logging.level.org.springframework.security=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@PortalWithEmulator
class IssuingIntegrationTest {

	static final String LONG_TERM_SECRET = "LongTermSecretCanary/0123456789abcdefABCD";

	static final EmulatedUser ALICE = new EmulatedUser("AKIACANARYALICE00001", LONG_TERM_SECRET, "123456789012",
			"alice", false,
			new EmulatedMfaDevice("arn:aws:iam::123456789012:mfa/alice", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(ALICE));

	LaunchablePortal portal;

	PortalClient browser;

	@BeforeEach
	void launch(LaunchablePortal portal, PortalClient launched) {
		emulator.clearRecordedRequests();
		this.portal = portal;
		this.browser = launched;
	}

	private static Map<String, String> form(String code) {
		return Map.of("source", "alice", "serialNumber", ALICE.device().serialNumber(), "tokenCode", code,
				"durationSeconds", "3600", "profileName", "mfa");
	}

	@Test
	void issueWhenCodeIsRightThenEverySnippetInANoStorePageAndNothingLeaksToTheLog(CapturedOutput output)
			throws Exception {
		String code = Totp.currentCode(ALICE.device().base32Secret(), Clock.systemUTC());
		HttpResponse<String> result = this.browser.post("/session-token", form(code), true);

		assertThat(result.statusCode()).isEqualTo(200);
		// exactly the controller's header, which security's default would not pass
		assertThat(result.headers().allValues("Cache-Control")).containsExactly("no-store");
		for (String format : List.of("env", "env-unset", "fish", "fish-unset", "powershell", "powershell-unset",
				"windows-cmd", "windows-cmd-unset", "credentials-file", "process", "dotenv")) {
			assertThat(PortalClient.snippet(result.body(), format)).as(format).isNotBlank();
		}
		String credentialsFile = PortalClient.snippet(result.body(), "credentials-file");
		assertThat(credentialsFile).contains("[mfa]\naws_access_key_id = ASIA");

		List<RecordedRequest> calls = emulator.recordedRequests();
		assertThat(calls).singleElement().satisfies((call) -> {
			assertThat(call.action()).isEqualTo("GetSessionToken");
			assertThat(call.accessKeyId()).isEqualTo(ALICE.accessKeyId());
			assertThat(call.parameters()).containsEntry("SerialNumber", ALICE.device().serialNumber())
				.containsEntry("DurationSeconds", "3600");
			assertThat(call.succeeded()).isTrue();
		});

		String issuedSecret = line(credentialsFile, "aws_secret_access_key = ");
		String sessionToken = line(credentialsFile, "aws_session_token = ");
		// The SDK logged the signing steps, so DEBUG was really on.
		assertThat(output.getAll()).contains("sts/aws4_request")
			.doesNotContain(issuedSecret)
			.doesNotContain(sessionToken)
			.doesNotContain(LONG_TERM_SECRET)
			.doesNotContain("tokenCode=" + code)
			.doesNotContain("TokenCode=" + code);
	}

	@Test
	void issueWhenCodeIsWrongThenTheFormSaysSoInWordsAndNoCredentials() throws Exception {
		String wrong = Totp.currentCode(ALICE.device().base32Secret(),
				Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(1)));
		HttpResponse<String> result = this.browser.post("/session-token", form(wrong), true);

		assertThat(result.statusCode()).isEqualTo(422);
		assertThat(result.body()).contains("The MFA code was not accepted")
			.contains("MultiFactorAuthentication failed with invalid MFA one time pass code.")
			.doesNotContain("data-snippet");
	}

	@Test
	void postWhenNoCsrfTokenThenForbiddenAndStsNeverCalled() throws Exception {
		HttpResponse<String> result = this.browser.post("/session-token", form("123456"), false);

		assertThat(result.statusCode()).isEqualTo(403);
		assertThat(result.body()).doesNotContain("Whitelabel").contains("This action was refused");
		assertThat(emulator.recordedRequests()).isEmpty();
	}

	@Test
	void requestWhenHostIsForeignThenRefusedEvenWithAValidSession() throws Exception {
		assertThat(this.browser.rawStatusLine("GET", "/", "evil.example:" + this.portal.port())).contains(" 400");
		assertThat(this.browser.rawStatusLine("GET", "/", "127.0.0.1.nip.io:" + this.portal.port())).contains(" 400");
		assertThat(this.browser.rawStatusLine("GET", "/launch-required", "localhost:" + this.portal.port()))
			.contains(" 401");
	}

	@Test
	void pageWhenNoLaunchTokenThenRefusedWithInstructions() throws Exception {
		PortalClient stranger = this.portal.stranger();
		HttpResponse<String> form = stranger.get("/");
		assertThat(form.statusCode()).isEqualTo(401);
		assertThat(form.body()).contains("Open the link from your terminal");
		assertThat(stranger.launch("not-the-token").statusCode()).isEqualTo(401);
		assertThat(stranger.get("/").statusCode()).isEqualTo(401);
		assertThat(stranger.post("/session-token", form("123456"), false).statusCode()).isIn(401, 403);
		assertThat(emulator.recordedRequests()).isEmpty();
	}

	@Test
	void launchLinkWhenUsedThenTokenLeavesTheAddressBar() throws Exception {
		PortalClient other = this.portal.stranger();
		String token = this.portal.launchToken();
		HttpResponse<String> launched = other.launch(token);
		assertThat(launched.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain(token).endsWith("/"));
	}

	@Test
	void launchLinkWhenASecondBrowserOpensItThenRefusedWithAPageThatSaysHowToGetAFreshOne() throws Exception {
		String token = this.portal.launchToken();
		PortalClient owner = this.portal.stranger();
		assertThat(owner.launch(token).statusCode()).isEqualTo(302);
		assertThat(owner.get("/").statusCode()).isEqualTo(200);

		PortalClient second = this.portal.stranger();
		HttpResponse<String> refused = second.launch(token);
		assertThat(refused.statusCode()).isEqualTo(401);
		Document page = Jsoup.parse(refused.body());
		assertThat(page.select("[data-launch-refused]").attr("data-launch-refused")).isEqualTo("used");
		assertThat(page.select("[data-launch-again]").text()).contains("start the portal again");
		assertThat(second.get("/").statusCode()).isEqualTo(401);
		// the owner's own browser following its spent link again stays in
		assertThat(owner.launch(token).statusCode()).isEqualTo(302);
		assertThat(owner.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void unknownPageWhenRequestedThenPortalErrorPageNotWhitelabel() throws Exception {
		HttpResponse<String> missing = this.browser.get("/no-such-page");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("This page does not exist").doesNotContain("Whitelabel");
	}

	private static String line(String text, String prefix) {
		return text.lines().filter((l) -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
	}

}
