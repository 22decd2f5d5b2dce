package dev.mfaportal.account;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole team flow through the emulator, as members live it: one uses a key pair once,
 * stores a key, gets credentials with it and sees them in the history; another can reach
 * none of it. Runs on H2 and on PostgreSQL.
 */
@PortalWithEmulator(accounts = false)
abstract class TeamFlowContract {

	/**
	 * One IAM user per engine, so the two runs never spend each other's codes at the
	 * emulator.
	 */
	static final EmulatedUser KATE_ON_H2 = EmulatedAccounts.user("kate-h2", "AKIAKATEH20000000001",
			"kateSecretCanary/00000000000000000000000");

	static final EmulatedUser KATE_ON_POSTGRES = EmulatedAccounts.user("kate-pg", "AKIAKATEPG0000000001",
			"kateSecretCanary/11111111111111111111111");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(KATE_ON_H2, KATE_ON_POSTGRES));

	/** The emulated IAM user this engine's run signs with. */
	abstract EmulatedUser kate();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	// The application's mappings, not Actuator's controllerEndpointHandlerMapping.
	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private PortalClient member(String name, String password) throws Exception {
		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "team-flow-admin-1");
		HttpResponse<String> added = admin.post("/admin/users", Map.of("username", name), true);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(added.body());
		assertThat(oneTime.find()).as(added.body()).isTrue();
		PortalClient member = new PortalClient(this.port);
		member.login(name, oneTime.group(1));
		member.post(PasswordController.PATH, Map.of("currentPassword", oneTime.group(1), "newPassword", password,
				"confirmation", password, "_csrf", member.csrfToken(PasswordController.PATH)), false);
		return member;
	}

	private String code(int stepsAhead) {
		return Totp.currentCode(kate().device().base32Secret(),
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * stepsAhead)));
	}

	@Test
	void teamFlowWhenKeyUsedOnceThenStoredThenUsedThenOnlyItsOwnerSeesAnyOfIt() throws Exception {
		EmulatedUser KATE = kate();
		PortalClient kate = member("kate", "kate-password-0001");

		// No stored key yet: the form offers a key pair for this call only.
		String form = kate.get("/").body();
		assertThat(Html.byId(form, "source").select("option[value=once]")).hasSize(1);
		HttpResponse<String> once = kate.post("/session-token",
				Map.of("source", "once", "onceAccessKeyId", KATE.accessKeyId(), "onceSecretAccessKey",
						KATE.secretAccessKey(), "serialNumber", KATE.device().serialNumber(), "tokenCode", code(0),
						"durationSeconds", "900", "profileName", "mfa"),
				true);
		assertThat(once.statusCode()).isEqualTo(200);
		assertThat(once.body()).contains("data-snippet=\"env\"").doesNotContain(KATE.secretAccessKey());

		// Stored, then used from the list.
		HttpResponse<String> stored = kate.post("/keys",
				Map.of("label", "work", "accessKeyId", KATE.accessKeyId(), "secretAccessKey", KATE.secretAccessKey()),
				true);
		assertThat(stored.statusCode()).isEqualTo(302);
		assertThat(kate.get("/keys").body()).contains("work")
			.contains("AKIA…0001")
			.doesNotContain(KATE.secretAccessKey());
		long keyId = this.jdbc.sql("select id from access_key where owner = 'kate'").query(Long.class).single();
		HttpResponse<String> issued = kate.post("/session-token", Map.of("source", "key:" + keyId, "serialNumber",
				KATE.device().serialNumber(), "tokenCode", code(1), "durationSeconds", "900", "profileName", "mfa"),
				true);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		assertThat(kate.get("/history").body()).contains("data-outcome=\"ISSUED\"").contains("work");

		// Kate's device, for the isolation checks below.
		assertThat(kate
			.post("/devices",
					Map.of("label", "Kate phone", "serialNumber", KATE.device().serialNumber(), "durationSeconds",
							"900", "profileName", "mfa", "sourceId", "key:" + keyId),
					true)
			.statusCode()).isEqualTo(302);
		long deviceId = this.jdbc.sql("select id from mfa_device where owner = 'kate'").query(Long.class).single();

		// The secret is in no table, in plain or Base64.
		String everything = String.join("\n",
				this.jdbc.sql("select secret_ciphertext || secret_nonce || access_key_id from access_key")
					.query(String.class)
					.list());
		assertThat(everything).doesNotContain(KATE.secretAccessKey())
			.doesNotContain(java.util.Base64.getEncoder().encodeToString(KATE.secretAccessKey().getBytes()));

		// Another member reaches none of Kate's things, by any route.
		PortalClient leo = member("leo", "leo-password-00001");
		assertThat(leo.get("/devices/" + deviceId + "/edit").statusCode()).isEqualTo(404);
		assertThat(leo
			.post("/devices/" + deviceId, Map.of("label", "mine", "serialNumber", "GAHT12345678", "durationSeconds",
					"900", "profileName", "mfa"), true)
			.statusCode()).isEqualTo(404);
		assertThat(leo.post("/devices/" + deviceId + "/delete", Map.of(), true).statusCode()).isEqualTo(404);
		assertThat(leo.post("/keys/" + keyId + "/delete", Map.of(), true).statusCode()).isEqualTo(404);
		assertThat(leo
			.post("/session-token", Map.of("source", "key:" + keyId, "serialNumber", KATE.device().serialNumber(),
					"tokenCode", code(2), "durationSeconds", "900", "profileName", "mfa"), true)
			.statusCode()).isEqualTo(400);
		assertThat(leo.get("/history?member=kate").body()).doesNotContain("Kate phone")
			.doesNotContain("data-outcome=\"ISSUED\"");
		assertThat(leo.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from mfa_device where owner = 'kate'").query(Integer.class).single())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from access_key where owner = 'kate'").query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void memberListWhenShownThenEachButtonNamesItsMemberAndPostsItsAction() throws Exception {
		member("mia", "mia-password-00001");
		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "team-flow-admin-1");
		Element row = Html.parse(admin.get("/admin/users").body()).selectFirst("[data-member=mia]");
		assertThat(row.select("button").eachAttr("aria-label")).containsExactly("Disable mia",
				"Reset the password of mia");

		String disable = row.selectFirst("form").attr("action");
		assertThat(admin.post(disable, Map.of(), true).statusCode()).isEqualTo(302);
		Element disabled = Html.parse(admin.get("/admin/users").body()).selectFirst("[data-member=mia]");
		assertThat(disabled.select("button").eachAttr("aria-label")).containsExactly("Enable mia",
				"Reset the password of mia");
	}

	@Test
	void everyPostWhenSentWithoutCsrfTokenThenRefused() throws Exception {
		PortalClient signedIn = new PortalClient(this.port);
		signedIn.login("admin", "team-flow-admin-1");
		int checked = 0;
		for (RequestMappingInfo mapping : this.mappings.getHandlerMethods().keySet()) {
			if (!mapping.getMethodsCondition()
				.getMethods()
				.contains(org.springframework.web.bind.annotation.RequestMethod.POST)) {
				continue;
			}
			for (String pattern : mapping.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "1");
				assertThat(signedIn.post(path, Map.of(), false).statusCode()).as(path).isEqualTo(403);
				checked++;
			}
		}
		assertThat(signedIn.post("/logout", Map.of(), false).statusCode()).as("/logout").isEqualTo(403);
		assertThat(checked).isGreaterThanOrEqualTo(12);
	}

}
