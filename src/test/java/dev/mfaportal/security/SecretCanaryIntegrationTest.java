package dev.mfaportal.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.H2Files;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode, every flow that touches a secret (sign-in, one-time and changed passwords,
 * storing a key, using one once, issuing, failing, being limited, assuming a role,
 * rotating the encryption key, exporting the history), with DEBUG logging everywhere
 * including the AWS SDK's request logging. Then no canary is in the log, in any table
 * (sessions included), in the H2 file, or in any URL the portal produced (redirects,
 * links, form actions).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=CanaryAdminPassword-0001", "server.address=127.0.0.1",
				"portal.encryption.key=" + SecretCanaryIntegrationTest.KEY_1, "logging.level.root=DEBUG",
				"logging.level.software.amazon.awssdk=DEBUG", "logging.level.software.amazon.awssdk.request=DEBUG",
				"logging.level.org.apache.http.wire=DEBUG", "logging.level.org.h2=DEBUG",
				"logging.level.org.springframework.jdbc=TRACE" })
@ActiveProfiles("team")
@ExtendWith(OutputCaptureExtension.class)
@PortalWithEmulator(accounts = false)
class SecretCanaryIntegrationTest {

	static final String KEY_1 = "Q2FuYXJ5RW5jcnlwdGlvbktleU9uZS0wMDAwMDAwMDA=";

	static final String KEY_2 = "Q2FuYXJ5RW5jcnlwdGlvbktleVR3by0wMDAwMDAwMDA=";

	static final EmulatedUser NINA = EmulatedAccounts.user("nina", "AKIACANARYNINA000001",
			"NinaStoredSecretCanary/00000000000000000");

	static final EmulatedUser OLAF = EmulatedAccounts.user("olaf", "AKIACANARYOLAF000001",
			"OlafOneTimeSecretCanary/0000000000000000");

	static final EmulatedRole ROLE = new EmulatedRole("arn:aws:iam::123456789012:role/canary", 3600);

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(NINA, OLAF).withRoles(List.of(ROLE)));

	private static final Pattern LINK = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"");

	@RegisterExtension
	static final H2Files database = H2Files.inTemporaryDirectory();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final List<String> canaries = new ArrayList<>(
			List.of("CanaryAdminPassword-0001", KEY_1, KEY_2, NINA.secretAccessKey(), OLAF.secretAccessKey(),
					base64(NINA.secretAccessKey()), base64(OLAF.secretAccessKey())));

	private final List<String> codes = new ArrayList<>();

	private final List<String> urls = new ArrayList<>();

	@Test
	void everyFlowWhenRunAtDebugThenNoSecretInLogTablesFileOrUrls(CapturedOutput output) throws Exception {
		PortalClient admin = new PortalClient(this.port);
		seen(admin.login("admin", "CanaryAdminPassword-0001"));
		HttpResponse<String> added = seen(admin.post("/admin/users", Map.of("username", "nina"), true));
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(added.body());
		assertThat(oneTime.find()).isTrue();
		this.canaries.add(oneTime.group(1));
		PortalClient nina = new PortalClient(this.port);
		seen(nina.login("nina", oneTime.group(1)));
		this.canaries.add("NinaNewPasswordCanary-0001");
		seen(nina
			.post("/account/password",
					Map.of("currentPassword", oneTime.group(1), "newPassword", "NinaNewPasswordCanary-0001",
							"confirmation", "NinaNewPasswordCanary-0001", "_csrf", nina.csrfToken("/account/password")),
					false));

		// a key used once, a key stored and used; after the rotation a role, wrong codes
		// and the limit
		issue(nina, Map.of("source", "once", "onceAccessKeyId", OLAF.accessKeyId(), "onceSecretAccessKey",
				OLAF.secretAccessKey(), "serialNumber", OLAF.device().serialNumber(), "tokenCode", code(OLAF, 0)), 200);
		seen(nina.post("/keys",
				Map.of("label", "work", "accessKeyId", NINA.accessKeyId(), "secretAccessKey", NINA.secretAccessKey()),
				true));
		String key = "key:"
				+ this.jdbc.sql("select id from access_key where owner = 'nina'").query(Long.class).single();
		issue(nina, Map.of("source", key, "serialNumber", NINA.device().serialNumber(), "tokenCode", code(NINA, 0)),
				200);
		seen(nina.get("/history"));
		HttpResponse<String> csv = seen(nina.get("/history.csv"));
		assertThat(csv.statusCode()).isEqualTo(200);

		rotateEncryptionKey();
		for (int i = 1; i <= 6; i++) {
			issue(nina, Map.of("source", key, "serialNumber", NINA.device().serialNumber(), "tokenCode",
					EmulatedAccounts.wrongCode(NINA, i)), -1);
		}
		seen(nina.get("/history"));

		// 3 passwords, 2 encryption keys, 2 long-term secrets (plain and Base64), 3
		// issued pairs
		assertThat(this.canaries).hasSize(15);
		assertThat(this.urls).as("the console link was produced").anyMatch((url) -> url.contains("SigninToken"));
		assertNoCanaryIn("the log", output.getAll());
		assertNoCanaryIn("the URLs", String.join("\n", this.urls));
		assertNoCanaryIn("the tables", everyValueInEveryTable());
		String onDisk = database.everyByteOnDisk(this.jdbc);
		assertThat(onDisk).as("the H2 file holds the audit").contains(NINA.device().serialNumber());
		assertNoCanaryIn("the H2 file", onDisk);
		assertThat(output.getAll()).as("the SDK's request log was on").contains("software.amazon.awssdk.request");
	}

	/**
	 * A second instance on the same database with a new current key and the old one as
	 * previous: an admin re-encrypts every stored key, and the key then still signs (an
	 * AssumeRole).
	 */
	private void rotateEncryptionKey() throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("portal.encryption.key-id", "k2");
		properties.put("portal.encryption.key", KEY_2);
		properties.put("portal.encryption.previous-keys.k1", KEY_1);
		properties.put("portal.console.federation-endpoint", emulator.federationEndpoint().toString());
		properties.put("portal.console.destination", "http://127.0.0.1:9/console-home");
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(MfaPortalApplication.class)
			.profiles("team")
			.properties(properties)
			.run("--spring.datasource.url=" + database.url(), "--portal.sts.endpoint=" + emulator.endpoint(),
					"--portal.iam.endpoint=" + emulator.endpoint(),
					"--portal.team.admin-password=CanaryAdminPassword-0001", "--server.address=127.0.0.1",
					"--portal.encryption.key=" + KEY_2)) {
			int port = ((WebServerApplicationContext) second).getWebServer().getPort();
			PortalClient admin = new PortalClient(port);
			seen(admin.login("admin", "CanaryAdminPassword-0001"));
			HttpResponse<String> reencrypted = seen(
					admin.post("/admin/keys/reencrypt", Map.of("_csrf", admin.csrfToken("/keys")), false));
			assertThat(reencrypted.statusCode()).isLessThan(400);
			assertThat(this.jdbc.sql("select secret_key_id from access_key").query(String.class).list())
				.containsOnly("k2");
			PortalClient nina = new PortalClient(port);
			seen(nina.login("nina", "NinaNewPasswordCanary-0001"));
			String key = "key:"
					+ this.jdbc.sql("select id from access_key where owner = 'nina'").query(Long.class).single();
			issue(nina, Map.of("source", key, "serialNumber", NINA.device().serialNumber(), "tokenCode", code(NINA, 1),
					"roleArn", ROLE.arn()), 200);
		}
	}

	private void issue(PortalClient client, Map<String, String> fields, int status) throws Exception {
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("durationSeconds", "900");
		form.put("profileName", "mfa");
		this.codes.add(fields.get("tokenCode"));
		HttpResponse<String> page = seen(client.post("/session-token", form, true));
		if (status > 0) {
			assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
			String file = PortalClient.snippet(page.body(), "credentials-file");
			this.canaries.add(value(file, "aws_secret_access_key = "));
			this.canaries.add(value(file, "aws_session_token = "));
		}
	}

	private HttpResponse<String> seen(HttpResponse<String> response) {
		this.urls.add(response.uri().toString());
		response.headers().allValues("Location").forEach(this.urls::add);
		Matcher link = LINK.matcher(response.body());
		while (link.find()) {
			this.urls.add(link.group(1));
		}
		return response;
	}

	private void assertNoCanaryIn(String where, String text) {
		for (String canary : this.canaries) {
			assertThat(text).as(where).doesNotContain(canary);
		}
		for (String code : this.codes) {
			assertThat(Pattern.compile("(?<![0-9])" + code + "(?![0-9])").matcher(text).find())
				.as(where + " holds the code " + code)
				.isFalse();
		}
	}

	private String everyValueInEveryTable() {
		assertThat(H2Files.tables(this.jdbc)).contains("AUDIT_EVENT", "ACCESS_KEY", "SPRING_SESSION",
				"SPRING_SESSION_ATTRIBUTES");
		return H2Files.everyValueInEveryTable(this.jdbc);
	}

	private static String code(EmulatedUser user, int stepsAhead) {
		return Totp.currentCode(user.device().base32Secret(),
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * stepsAhead)));
	}

	private static String value(String text, String prefix) {
		return text.lines().filter((l) -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
