package dev.mfaportal.profile;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.security.LaunchToken;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Save as profile" through the portal, over HTTP with the real SDK client against the
 * emulator: the file gets the section, the page says where, refusals come before STS, and
 * no credential goes anywhere but the file (logs at DEBUG are searched).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.mfaportal=DEBUG", "logging.level.org.springframework.web=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class ProfileSavingIntegrationTest {

	static final List<EmulatedUser> USERS = Stream.of("saver", "renewer", "refused", "hostile", "remover", "alice")
		.map((name) -> EmulatedAccounts.user(name, ("AKIAPROFILE" + name.toUpperCase() + "000000000").substring(0, 20),
				"ProfileSecret/" + name + "/0123456789abcdef"))
		.toList();

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(USERS.toArray(EmulatedUser[]::new)),
			Clock.systemUTC());

	static final String OTHERS = "[default]\r\naws_access_key_id = AKIADEFAULT000000001\r\naws_secret_access_key = keep/me\r\n"
			+ "\r\n; prod, by hand\r\n[prod]\r\naws_access_key_id=AKIAPROD000000000001\r\naws_secret_access_key=prod/secret\r\n";

	@TempDir
	static Path home;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("portal.sts.endpoint", () -> emulator.endpoint().toString());
		registry.add("portal.iam.endpoint", () -> emulator.endpoint().toString());
		registry.add("portal.profile.credentials-file", () -> home.resolve("credentials").toString());
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	LaunchToken launchToken;

	PortalClient browser;

	Path file;

	@BeforeEach
	void launch() throws Exception {
		this.file = home.resolve("credentials");
		Files.writeString(this.file, OTHERS, StandardCharsets.ISO_8859_1);
		emulator.clearRecordedRequests();
		this.browser = new PortalClient(this.port);
		assertThat(this.browser.launch(this.launchToken.issue()).statusCode()).isEqualTo(302);
	}

	@Test
	void formWhenLocalThenTheBoxNamesTheProfileAndTheFile() throws Exception {
		Document form = Jsoup.parse(this.browser.get("/").body());

		Element box = form.selectFirst("input#saveProfile");
		assertThat(box).isNotNull();
		assertThat(box.attr("name")).isEqualTo("saveProfile");
		assertThat(form.selectFirst("label[for=saveProfile]").text())
			.isEqualTo("Save as profile mfa in " + home.resolve("credentials"));
	}

	@Test
	void formWhenALinkFromElsewhereNamesAProfileAndItsSaveThenNeitherIsPresetAndThePageSaysSo() throws Exception {
		Document form = Jsoup
			.parse(this.browser.get("/?profileName=default&saveProfile=true&roleArn=arn:aws:iam::999999999999:role/x")
				.body());

		assertThat(form.selectFirst("input#saveProfile").hasAttr("checked")).isFalse();
		assertThat(form.selectFirst("input#profileName").val()).isEqualTo("mfa");
		assertThat(form.selectFirst("input#roleArn").val()).isEmpty();
		assertThat(form.select("[data-link-ignored]")).hasSize(1);
	}

	@Test
	void saveWhenTickedThenTheSectionIsWrittenThePageSaysWhereAndNoSecretIsLogged(CapturedOutput output)
			throws Exception {
		EmulatedUser user = user("saver");
		HttpResponse<String> result = issue(user, "mfa");

		assertThat(result.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(result.body());
		Element saved = page.selectFirst("[data-saved-profile]");
		assertThat(saved.attr("data-saved-profile")).isEqualTo("written");
		assertThat(saved.attr("data-profile-name")).isEqualTo("mfa");
		assertThat(saved.attr("data-profile-file")).isEqualTo(this.file.toString());
		assertThat(saved.selectFirst("form[data-remove-profile]").attr("action")).isEqualTo("/profiles/remove");
		String snippet = page.selectFirst("pre[data-snippet=credentials-file]").wholeText();
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1))
			.isEqualTo(OTHERS + "\r\n" + snippet.replace("\n", "\r\n"));

		String secret = page.selectFirst("[data-credential=secretAccessKey]").text();
		String token = page.selectFirst("[data-credential=sessionToken]").text();
		assertThat(output.getAll()).contains("Saved profile mfa").doesNotContain(secret).doesNotContain(token);
		try (Stream<Path> files = Files.list(home)) {
			assertThat(files).containsExactly(this.file);
		}
	}

	@Test
	void saveWhenRenewedWithTheSameNameThenOneSectionWithTheNewKeys() throws Exception {
		EmulatedUser user = user("renewer");
		assertThat(issue(user, "mfa").statusCode()).isEqualTo(200);
		// the next 30-second step's code, which STS (and the emulator) accepts once too
		String next = Totp.currentCode(user.device().base32Secret(),
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30)));
		HttpResponse<String> renewed = issue(user, "mfa", next);
		assertThat(renewed.statusCode()).isEqualTo(200);

		String keyId = Jsoup.parse(renewed.body()).selectFirst("[data-credential=accessKeyId]").text();
		String text = Files.readString(this.file, StandardCharsets.ISO_8859_1);
		assertThat(text.split("\\[mfa]", -1)).hasSize(2);
		assertThat(text).startsWith(OTHERS).contains("aws_access_key_id = " + keyId + "\r\n");
	}

	@Test
	void saveWhenTheSectionHoldsLongTermKeysThenRefusedBeforeStsWithAnotherName() throws Exception {
		HttpResponse<String> result = issue(user("refused"), "default");

		assertThat(result.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(result.body()).selectFirst("#profileName-error").text()).contains("default",
				"long-term keys", "such as mfa");
		assertThat(emulator.recordedRequests()).isEmpty();
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1)).isEqualTo(OTHERS);
	}

	@Test
	void saveWhenTheSectionIsTheCallersOwnProfileThenRefusedBeforeSts() throws Exception {
		HttpResponse<String> result = issue(user("alice"), "alice");

		assertThat(result.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(result.body()).selectFirst("#profileName-error").text()).contains("alice",
				"this call signs with");
		assertThat(emulator.recordedRequests()).isEmpty();
	}

	@Test
	void saveWhenTheNameWouldBreakTheFileThenRefusedBeforeSts() throws Exception {
		for (String name : List.of("a=b", "-rf")) {
			HttpResponse<String> result = issue(user("hostile"), name);

			assertThat(result.statusCode()).as(name).isEqualTo(400);
			assertThat(Jsoup.parse(result.body()).selectFirst("#profileName-error")).as(name).isNotNull();
		}
		assertThat(emulator.recordedRequests()).isEmpty();
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1)).isEqualTo(OTHERS);
	}

	@Test
	void saveOrRemoveWhenTheSectionHoldsSettingsThePortalDidNotWriteThenRefusedBeforeStsWithAnotherName()
			throws Exception {
		String foreign = OTHERS + "\r\n[sso]\r\nsso_session = corp\r\nsso_account_id = 123456789012\r\n";
		Files.writeString(this.file, foreign, StandardCharsets.ISO_8859_1);

		HttpResponse<String> result = issue(user("hostile"), "sso");

		assertThat(result.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(result.body()).selectFirst("#profileName-error").text()).contains("sso",
				"settings the portal didn't write", "such as mfa");
		assertThat(emulator.recordedRequests()).isEmpty();
		HttpResponse<String> removed = this.browser.post("/profiles/remove", Map.of("profileName", "sso"), true);
		assertThat(removed.statusCode()).isEqualTo(409);
		assertThat(Jsoup.parse(removed.body()).selectFirst("[data-removed-profile]").attr("data-removed-profile"))
			.isEqualTo("FOREIGN");
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1)).isEqualTo(foreign);
	}

	@Test
	void saveWhenAFolderStandsWhereTheFileShouldThenRefusedBeforeStsWithTheReason() throws Exception {
		Files.delete(this.file);
		Files.createDirectory(this.file);
		try {
			HttpResponse<String> result = issue(user("hostile"), "mfa");

			assertThat(result.statusCode()).isEqualTo(400);
			assertThat(Jsoup.parse(result.body()).selectFirst("#profileName-error").text())
				.contains("is (or links to) a folder");
			assertThat(emulator.recordedRequests()).isEmpty();
		}
		finally {
			Files.delete(this.file);
		}
	}

	@Test
	void removeWhenPostedThenTheSectionIsGoneAndTheFileIsAsBefore() throws Exception {
		issue(user("remover"), "mfa");
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1)).contains("[mfa]");

		HttpResponse<String> removed = this.browser.post("/profiles/remove", Map.of("profileName", "mfa"), true);

		assertThat(removed.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(removed.body()).selectFirst("[data-removed-profile]").attr("data-removed-profile"))
			.isEqualTo("REMOVED");
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1)).isEqualTo(OTHERS);
	}

	@Test
	void removeWhenLongTermKeysOrNoCsrfThenTheFileIsUntouched() throws Exception {
		assertThat(this.browser.post("/profiles/remove", Map.of("profileName", "default"), true).statusCode())
			.isEqualTo(409);
		assertThat(this.browser.post("/profiles/remove", Map.of("profileName", "[x]"), true).statusCode())
			.isEqualTo(400);
		assertThat(this.browser.post("/profiles/remove", Map.of("profileName", "prod"), false).statusCode())
			.isEqualTo(403);
		assertThat(Files.readString(this.file, StandardCharsets.ISO_8859_1)).isEqualTo(OTHERS);
	}

	private HttpResponse<String> issue(EmulatedUser user, String profile) throws IOException, InterruptedException {
		return issue(user, profile, EmulatedAccounts.code(user));
	}

	private HttpResponse<String> issue(EmulatedUser user, String profile, String code)
			throws IOException, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("source", user.userName());
		form.put("serialNumber", user.device().serialNumber());
		form.put("tokenCode", code);
		form.put("durationSeconds", "900");
		form.put("profileName", profile);
		form.put("saveProfile", "true");
		return this.browser.post("/session-token", form, true);
	}

	private static EmulatedUser user(String name) {
		return USERS.stream().filter((u) -> u.userName().equals(name)).findFirst().orElseThrow();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		@Primary
		CredentialSources accounts() {
			return new EmulatedAccounts(USERS);
		}

	}

}
