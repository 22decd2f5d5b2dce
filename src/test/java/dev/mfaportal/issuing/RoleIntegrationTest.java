package dev.mfaportal.issuing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles with MFA, finding the device and the console link, through the portal, the real
 * SDK clients (STS and IAM) and the emulator with its federation stub.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class RoleIntegrationTest {

	private static final Set<String> SENT_CODES = ConcurrentHashMap.newKeySet();

	static final EmulatedUser ROSA = EmulatedAccounts.user("rosa", "AKIAROSA000000000001",
			"rosaSecret/000000000000000000000000000000");

	static final EmulatedUser DENIED = EmulatedAccounts.user("denied", "AKIADENIED0000000001",
			"deniedSecret/0000000000000000000000000000");

	static final EmulatedUser ROOT = new EmulatedUser("AKIAROOT000000000001",
			"rootSecret/00000000000000000000000000000", "123456789012", "root", true, new EmulatedMfaDevice(
					"arn:aws:iam::123456789012:mfa/root-account-mfa-device", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));

	/**
	 * One user per test that needs a code of its own: three codes a device allows at
	 * once.
	 */
	static final EmulatedUser IVY = EmulatedAccounts.user("ivy");

	static final EmulatedUser IAN = EmulatedAccounts.user("ian");

	static final EmulatedUser PIA = EmulatedAccounts.user("pia");

	static final EmulatedRole ADMIN = new EmulatedRole("arn:aws:iam::123456789012:role/admin", 3600);

	static final EmulatedRole LONG = new EmulatedRole("arn:aws:iam::123456789012:role/long", 43200);

	/** A role whose trust allows neither a source identity nor session tags. */
	static final EmulatedRole PLAIN = new EmulatedRole("arn:aws:iam::123456789012:role/plain", 3600)
		.trustAllowing(false, false);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(ROSA, DENIED, ROOT, IVY, IAN, PIA)
		.withRoles(List.of(ADMIN, LONG, PLAIN))
		.withIamDeniedUsers(Set.of("denied")));

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) {
		this.browser = launched;
	}

	/**
	 * A code STS accepts now (the previous, current or next step) that no earlier test of
	 * this class sent: a fixed step per test collides when a 30 s boundary falls between
	 * two tests.
	 */
	private static String freshCode(EmulatedUser user) {
		for (int steps : new int[] { 0, 1, -1 }) {
			String code = Totp.currentCode(user.device().base32Secret(),
					Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * steps)));
			if (SENT_CODES.add(user.userName() + ":" + code)) {
				return code;
			}
		}
		throw new IllegalStateException("every code STS would accept now was sent already");
	}

	private HttpResponse<String> assume(EmulatedRole role, String duration, String code) throws Exception {
		return this.browser.post("/session-token",
				Map.of("source", "rosa", "serialNumber", ROSA.device().serialNumber(), "tokenCode", code,
						"durationSeconds", duration, "profileName", "mfa", "roleArn", role.arn()),
				true);
	}

	@Test
	void roleWhenAssumedWithTheCodeThenRoleCredentialsThatActAsTheRoleAndOpenTheConsole() throws Exception {
		HttpResponse<String> result = assume(LONG, "7200", freshCode(ROSA));

		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		assertThat(result.body()).contains("arn:aws:sts::123456789012:assumed-role/long/rosa");
		String env = PortalClient.snippet(result.body(), "env");
		assertThat(env).contains("export AWS_ACCESS_KEY_ID=ASIA");

		Matcher link = Pattern.compile("href=\"([^\"]+)\"[^>]*data-console-link").matcher(result.body());
		assertThat(link.find()).isTrue();
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(HtmlUtils.htmlUnescape(link.group(1)))).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValue("http://127.0.0.1:9/console-home");
		assertThat(emulator.consoleSignIns())
			.anySatisfy((signIn) -> assertThat(signIn.assumedRoleArn()).endsWith("assumed-role/long/rosa"));
	}

	@Test
	void roleWhenLongerThanItsMaximumThenTheFormSaysWhatItAllowsAndHowToRaiseIt() throws Exception {
		HttpResponse<String> refused = assume(ADMIN, "7200", freshCode(ROSA));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("does not allow sessions of 7200 seconds")
			.contains("aws iam update-role --role-name admin --max-session-duration 43200");
	}

	/**
	 * The form as the page renders it, duration untouched: a role with IAM's default
	 * MaxSessionDuration gets the hour the CLI and the terminal endpoint ask for, not the
	 * form's twelve hours, which STS would refuse after spending the code.
	 */
	@Test
	void roleWhenTheFormsDefaultDurationIsLeftThenAnHourAndTheRoleIsAssumed() throws Exception {
		String page = this.browser.get("/").body();
		HttpResponse<String> result = this.browser.post("/session-token",
				Map.of("source", "ivy", "serialNumber", IVY.device().serialNumber(), "tokenCode", freshCode(IVY),
						"durationSeconds", Html.valueOf(page, "durationSeconds"), "durationDefault",
						Html.valueOf(page, "durationDefault"), "profileName", "mfa", "roleArn", ADMIN.arn()),
				true);

		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		assertThat(lastAssumeRole().parameters()).containsEntry("DurationSeconds", "3600");
	}

	@Test
	void roleWhenTheDurationWasChangedThenThatDurationIsAsked() throws Exception {
		String page = this.browser.get("/").body();
		HttpResponse<String> result = this.browser.post("/session-token",
				Map.of("source", "ian", "serialNumber", IAN.device().serialNumber(), "tokenCode", freshCode(IAN),
						"durationSeconds", "1800", "durationDefault", Html.valueOf(page, "durationDefault"),
						"profileName", "mfa", "roleArn", ADMIN.arn()),
				true);

		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		assertThat(lastAssumeRole().parameters()).containsEntry("DurationSeconds", "1800");
	}

	private static RecordedRequest lastAssumeRole() {
		List<RecordedRequest> calls = emulator.recordedRequests()
			.stream()
			.filter((call) -> "AssumeRole".equals(call.action()))
			.toList();
		assertThat(calls).isNotEmpty();
		return calls.get(calls.size() - 1);
	}

	/**
	 * Local mode has one person and never names them: a role whose trust allows neither a
	 * source identity nor session tags is assumed.
	 */
	@Test
	void roleWhenAssumedInLocalModeThenNeitherSourceIdentityNorTagsAreSent() throws Exception {
		HttpResponse<String> result = this.browser.post("/session-token",
				Map.of("source", "pia", "serialNumber", PIA.device().serialNumber(), "tokenCode", freshCode(PIA),
						"durationSeconds", "900", "profileName", "mfa", "roleArn", PLAIN.arn()),
				true);

		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		RecordedRequest call = lastAssumeRole();
		assertThat(call.parameters().keySet()).noneMatch((name) -> name.equals("SourceIdentity")
				|| name.startsWith("Tags.") || name.startsWith("TransitiveTagKeys."));
		assertThat(emulator.session(call.issuedAccessKeyId())).hasValue(dev.mfaportal.emulator.SessionContext.NONE);
	}

	@Test
	void roleWhenBeyondTwelveHoursThenRefusedBeforeSts() throws Exception {
		int before = emulator.recordedRequests().size();
		HttpResponse<String> refused = assume(LONG, "43201", "123456");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("between 900 and 43200 seconds");
		assertThat(emulator.recordedRequests()).hasSize(before);
	}

	@Test
	void sessionTokenWhenIssuedThenNoConsoleLinkAndTheReason() throws Exception {
		HttpResponse<String> result = this.browser.post("/session-token",
				Map.of("source", "rosa", "serialNumber", ROSA.device().serialNumber(), "tokenCode", freshCode(ROSA),
						"durationSeconds", "900", "profileName", "mfa"),
				true);
		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		assertThat(result.body()).doesNotContain("data-console-link").contains("data-console-session-token");
	}

	@Test
	void findWhenIamListsTheUsersDevicesThenTheRealOneFillsTheForm() throws Exception {
		String page = this.browser.get("/?source=rosa&find=true").body();
		assertThat(page).contains("These keys belong to arn:aws:iam::123456789012:user/rosa")
			.contains("data-finding-devices");
		assertThat(Html.valueOf(page, "serialNumber")).isEqualTo("arn:aws:iam::123456789012:mfa/rosa");
	}

	@Test
	void findWhenIamDeniesTheListThenTheSuggestionFromTheUserName() throws Exception {
		String page = this.browser.get("/?source=denied&find=true").body();
		assertThat(page).contains("data-finding-suggestion");
		assertThat(Html.valueOf(page, "serialNumber")).isEqualTo("arn:aws:iam::123456789012:mfa/denied");
	}

	@Test
	void findWhenTheKeysAreTheRootUsersThenRecognisedAndCappedAtAnHour() throws Exception {
		String page = this.browser.get("/?source=root&find=true").body();
		assertThat(page).contains("These keys belong to arn:aws:iam::123456789012:root").contains("data-finding-root");
		assertThat(Html.valueOf(page, "durationSeconds")).isEqualTo("3600");
	}

}
