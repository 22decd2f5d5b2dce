package dev.mfaportal.yubikey;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code from a YubiKey through the whole portal: the form's button, ykman (a fake on
 * the portal's ykman path that prints what the demo device shows now) asked for the
 * device's account, the code sent to the emulator as if typed and never logged; and a
 * failure of ykman said beside the code field before anything reaches STS or the attempt
 * limits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.mfaportal=DEBUG", "logging.level.software.amazon.awssdk.request=DEBUG",
				"logging.level.org.springframework.web=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@PortalWithEmulator
class YubiKeyIntegrationTest {

	static final EmulatedUser DEMO = EmulatedUser.demo();

	static final EmulatedUser SAVED = EmulatedAccounts.user("yubisaved");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(DEMO, SAVED));

	static final FakeYkman ykman = FakeYkman.create();

	@DynamicPropertySource
	static void ykmanPath(DynamicPropertyRegistry registry) {
		registry.add("portal.ykman.path", ykman.program::toString);
	}

	@Autowired
	JdbcClient jdbc;

	PortalClient browser;

	long attemptsBefore;

	@BeforeEach
	void launch(PortalClient launched) {
		emulator.clearRecordedRequests();
		this.browser = launched;
		this.attemptsBefore = attempts();
	}

	private static Map<String, String> pressed(EmulatedUser user) {
		Map<String, String> form = new HashMap<>(Map.of("source", user.userName(), "serialNumber",
				user.device().serialNumber(), "tokenCode", "", "durationSeconds", "3600", "profileName", "mfa"));
		form.put("yubikey", "true");
		return form;
	}

	@Test
	void formWhenYkmanIsThereThenAButtonBesideTheCodeAndTheTouchNoticeFromAScriptFile() throws Exception {
		Document page = Html.parse(this.browser.get("/").body());

		Element button = page.selectFirst("form[data-issue-form] button[name=yubikey]");
		assertThat(button).isNotNull();
		assertThat(button.attr("type")).isEqualTo("submit");
		assertThat(button.parent().getElementById("tokenCode")).as("beside the code field").isNotNull();
		Element notice = page.getElementById("yubikey-wait");
		assertThat(notice.hasAttr("hidden")).isTrue();
		assertThat(notice.text()).isEqualTo("Touch your YubiKey when it blinks…");
		assertThat(page.select("script").eachAttr("src")).contains("/js/yubikey.js");
		assertThat(page.select("script:not([src])")).as("no inline script").isEmpty();
		assertThat(this.browser.get("/js/yubikey.js").statusCode()).isEqualTo(200);
	}

	@Test
	void issueWhenPressedWithNoCodeThenTheKeysCodeIssuesAsIfTypedAndIsNeverLogged(CapturedOutput output)
			throws Exception {
		String code = Totp.currentCode(DEMO.device().base32Secret(), Clock.systemUTC());
		ykman.printsCode(code);

		HttpResponse<String> result = this.browser.post("/session-token", pressed(DEMO), true);

		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		assertThat(PortalClient.snippet(result.body(), "credentials-file")).contains("aws_access_key_id = ASIA");
		assertThat(ykman.arguments()).containsExactly("oath", "accounts", "code", "--single", "--",
				DEMO.device().serialNumber());
		assertThat(emulator.recordedRequests()).singleElement().satisfies((call) -> {
			assertThat(call.action()).isEqualTo("GetSessionToken");
			assertThat(call.succeeded()).as("the emulator took the code").isTrue();
		});
		assertThat(output.getAll()).doesNotContain("tokenCode=" + code)
			.doesNotContain("TokenCode=" + code)
			.doesNotContain(code + "\n");
	}

	@Test
	void issueWhenTheSavedDeviceNamesAYkmanAccountThenYkmanIsAskedForThatAccount() throws Exception {
		HttpResponse<String> saved = this.browser.post("/devices",
				Map.of("label", "YubiKey device", "serialNumber", SAVED.device().serialNumber(), "durationSeconds",
						"3600", "profileName", "mfa", "ykmanAccount", "Amazon Web Services:yubisaved"),
				true);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		ykman.printsCode(EmulatedAccounts.code(SAVED));

		HttpResponse<String> result = this.browser.post("/session-token", pressed(SAVED), true);

		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		assertThat(ykman.arguments()).endsWith("--", "Amazon Web Services:yubisaved");
	}

	@Test
	void issueWhenNoYubiKeyThenItsWordsBesideTheCodeAndNothingSentNorReserved() throws Exception {
		ykman.answers("", "WARNING: PC/SC not available. Smart card protocols will not function.\n"
				+ "Error: No YubiKey detected!", 1);

		HttpResponse<String> result = this.browser.post("/session-token", pressed(DEMO), true);

		assertThat(result.statusCode()).isEqualTo(400);
		assertThat(Html.byId(result.body(), "tokenCode-error").text()).startsWith("No YubiKey detected.");
		assertNothingSentNorReserved();
	}

	@Test
	void issueWhenTheKeyIsPasswordProtectedThenTheFixIsNamed() throws Exception {
		ykman.answers("", "Enter the password: \nAborted!", 1);

		HttpResponse<String> result = this.browser.post("/session-token", pressed(DEMO), true);

		assertThat(result.statusCode()).isEqualTo(400);
		assertThat(Html.byId(result.body(), "tokenCode-error").text()).contains("ykman oath access remember");
		assertNothingSentNorReserved();
	}

	@Test
	void issueWhenAnotherFieldIsWrongThenYkmanIsNotRunAndTheFieldSaysSo() throws Exception {
		ykman.answers("", "Error: should not run", 1);
		Map<String, String> form = pressed(DEMO);
		form.put("durationSeconds", "60");
		Files.deleteIfExists(ykman.folder.resolve("args"));

		HttpResponse<String> result = this.browser.post("/session-token", form, true);

		assertThat(result.statusCode()).isEqualTo(400);
		assertThat(Html.parse(result.body()).getElementById("durationSeconds-error")).isNotNull();
		assertThat(ykman.folder.resolve("args")).as("ykman never ran").doesNotExist();
		assertNothingSentNorReserved();
	}

	private void assertNothingSentNorReserved() {
		assertThat(emulator.recordedRequests()).isEmpty();
		assertThat(attempts()).as("attempts reserved for the device").isEqualTo(this.attemptsBefore);
	}

	private long attempts() {
		return this.jdbc.sql("select count(*) from mfa_attempt where serial_number = ?")
			.param(DEMO.device().serialNumber())
			.query(Long.class)
			.single();
	}

}
