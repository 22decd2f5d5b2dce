package dev.mfaportal.account;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.issuing.HardwareCodes;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.PortalClient;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode's sign-in, as a specification: who gets in, who is refused, and how a session
 * ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=first-admin-password-1", "server.address=127.0.0.1",
				"portal.encryption.key=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=" })
@ActiveProfiles("team")
class TeamSecurityIntegrationTest {

	static final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private PortalClient admin() throws Exception {
		PortalClient admin = new PortalClient(this.port);
		assertThat(admin.login("admin", "first-admin-password-1").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return admin;
	}

	/**
	 * Adds a member through the admin page and signs in with the one-time password, then
	 * changes it.
	 */
	private PortalClient member(String name, String password) throws Exception {
		HttpResponse<String> added = admin().post("/admin/users",
				Map.of("username", name, "email", name + "@example.com"), true);
		assertThat(added.statusCode()).isEqualTo(200);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(added.body());
		assertThat(oneTime.find()).isTrue();
		PortalClient member = new PortalClient(this.port);
		member.login(name, oneTime.group(1));
		assertThat(member.get("/").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith(PasswordController.PATH));
		HttpResponse<String> changed = member.post(PasswordController.PATH, Map.of("currentPassword", oneTime.group(1),
				"newPassword", password, "confirmation", password, "_csrf", member.csrfToken(PasswordController.PATH)),
				false);
		assertThat(changed.statusCode()).isEqualTo(302);
		return member;
	}

	@Autowired
	ApplicationContext context;

	@Test
	void yubikeyWhenTeamModeThenNoButtonAndNoWayToRunYkman() throws Exception {
		assertThat(this.context.getBeanProvider(HardwareCodes.class).getIfAvailable()).isNull();
		HttpResponse<String> form = admin().get("/");

		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(Html.parse(form.body()).select("button[name=yubikey]")).isEmpty();
	}

	@Test
	void anonymousWhenAnyPageThenSentToSignIn() throws Exception {
		PortalClient anonymous = new PortalClient(this.port);
		for (String page : new String[] { "/", "/devices", "/history", "/admin/users", "/oauth2/authorization/any" }) {
			HttpResponse<String> response = anonymous.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(page)
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
		assertThat(anonymous.get("/login").body()).contains("Sign in").doesNotContain("/oauth2/authorization");
	}

	@Test
	void terminalRoutesWhenAnyoneAsksThen404AndNothingHeldOrServed() throws Exception {
		PortalClient anonymous = new PortalClient(this.port);
		for (String path : new String[] { "/credentials", "/credentials/admin", "/credentials?format=process" }) {
			assertThat(anonymous.getWithHeaders(path, java.util.Map.of("Authorization", "anything")).statusCode())
				.as(path)
				.isEqualTo(404);
		}
		for (String path : new String[] { "/terminal/stop", "/terminal/token" }) {
			assertThat(anonymous.post(path, java.util.Map.of(), false).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void signInWhenWrongPasswordOrUnknownNameThenTheSameAnswer() throws Exception {
		HttpResponse<String> wrong = new PortalClient(this.port).login("admin", "not-the-password");
		HttpResponse<String> unknown = new PortalClient(this.port).login("nobody-" + System.nanoTime(),
				"whatever-password");
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(unknown.headers().firstValue("Location")).isEqualTo(wrong.headers().firstValue("Location"));
	}

	@Test
	void signInWhenRightPasswordThenInWithASecureHttpOnlyCookie() throws Exception {
		PortalClient browser = new PortalClient(this.port);
		HttpResponse<String> signedIn = browser.login("admin", "first-admin-password-1");
		assertThat(signedIn.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(TeamSecurityConfig.SESSION_COOKIE + "=")
				.contains("Secure")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
		assertThat(browser.get("/history").statusCode()).isEqualTo(200);
	}

	@Test
	void savedProfilesWhenTeamThenNoBoxAndTheRemoveRouteIsNotThere() throws Exception {
		PortalClient admin = admin();
		HttpResponse<String> deviceForm = admin.get("/devices/new");
		assertThat(deviceForm.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(deviceForm.body()).select("#saveProfile, [data-save-profile-field]")).isEmpty();
		HttpResponse<String> remove = admin.post("/profiles/remove",
				Map.of("profileName", "mfa", "_csrf", admin.csrfToken("/devices/new")), false);
		assertThat(remove.statusCode()).isEqualTo(404);
	}

	@Test
	void adminPagesWhenMemberThenForbidden() throws Exception {
		PortalClient bob = member("bob", "bob-password-0001");
		assertThat(bob.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(bob.post("/admin/users", Map.of("username", "mallory"), true).statusCode()).isEqualTo(403);
		assertThat(bob.get("/devices").statusCode()).isEqualTo(200);
	}

	@Test
	void logoutWhenPostedWithCsrfThenSessionEndsEverywhereAndWithoutCsrfRefused() throws Exception {
		PortalClient carol = member("carol", "carol-password-001");
		assertThat(carol.post("/logout", Map.of(), false).statusCode()).isEqualTo(403);
		assertThat(carol.get("/").statusCode()).isIn(200, 503);
		HttpResponse<String> out = carol.post("/logout", Map.of(), true);
		assertThat(out.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?logout"));
		assertThat(carol.get("/").statusCode()).isEqualTo(302);
		assertThat(this.jdbc.sql("select count(*) from spring_session where principal_name = 'carol'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void signInWhenTooManyFailuresForAnAccountThenRefusedEvenWithTheRightPassword() throws Exception {
		member("dave", "dave-password-0001");
		for (int i = 0; i < 5; i++) {
			new PortalClient(this.port).login("dave", "wrong-" + i);
		}
		assertThat(signInLandsOn("dave", "dave-password-0001")).endsWith("/login?throttled");
		HttpResponse<String> unknown = new PortalClient(this.port).login("nobody-dave", "x");
		for (int i = 0; i < 5; i++) {
			unknown = new PortalClient(this.port).login("nobody-dave", "wrong-" + i);
		}
		assertThat(unknown.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?throttled"));
		clock.advance(Duration.ofMinutes(16));
		assertThat(signInLandsOn("dave", "dave-password-0001")).doesNotContain("throttled").doesNotContain("error");
	}

	@Test
	void signInWhenTooManyFailuresFromOneAddressThenRefusedForEveryAccountFromIt() throws Exception {
		member("gus", "gus-password-00001");
		for (int i = 0; i < 20; i++) {
			new PortalClient(this.port).login("someone-" + i, "wrong");
		}
		assertThat(signInLandsOn("gus", "gus-password-00001")).endsWith("/login?throttled");
		clock.advance(Duration.ofMinutes(16));
		assertThat(signInLandsOn("gus", "gus-password-00001")).doesNotContain("throttled").doesNotContain("error");
	}

	@Test
	void lockedDeviceWhenAnAdminUnlocksItThenLiftedAndAuditedAsTheAdmins() throws Exception {
		member("hugo", "hugo-password-0001");
		this.jdbc
			.sql("insert into mfa_device_lock (actor, serial_number, locked_at) values ('hugo', 'GAHT12345678', ?)")
			.param(java.time.OffsetDateTime.now())
			.update();
		long id = this.jdbc.sql("select id from portal_user where username = 'hugo'").query(Long.class).single();
		PortalClient admin = admin();
		assertThat(admin.get("/admin/users/" + id).body()).contains("GAHT12345678");
		assertThat(
				admin.post("/admin/users/" + id + "/unlock", Map.of("serialNumber", "GAHT12345678"), true).statusCode())
			.isEqualTo(302);
		assertThat(this.jdbc.sql("select count(*) from mfa_device_lock where actor = 'hugo'")
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select source from audit_event where actor = 'hugo' and outcome = 'DEVICE_UNLOCKED'")
			.query(String.class)
			.list()).containsExactly("admin");
	}

	@Test
	void memberWhenDisabledThenTheOpenSessionIsRefusedAtTheNextRequest() throws Exception {
		PortalClient erin = member("erin", "erin-password-0001");
		long id = this.jdbc.sql("select id from portal_user where username = 'erin'").query(Long.class).single();
		assertThat(admin().post("/admin/users/" + id + "/disable", Map.of(), true).statusCode()).isEqualTo(302);

		HttpResponse<String> next = erin.get("/devices");
		assertThat(next.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?disabled"));
		assertThat(signInLandsOn("erin", "erin-password-0001")).endsWith("/login?error");
	}

	@Test
	void sessionWhenOlderThanTheAbsoluteTimeoutThenEndsHoweverActive() throws Exception {
		PortalClient frank = member("frank", "frank-password-001");
		assertThat(frank.get("/devices").statusCode()).isEqualTo(200);
		clock.advance(Duration.ofHours(12).plusMinutes(1));
		assertThat(frank.get("/devices").headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?expired"));
	}

	@Test
	void responsesWhenForwardedOverTlsThenCarryHsts() throws Exception {
		HttpResponse<String> login = new PortalClient(this.port).getWithHeaders("/login",
				Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "portal.example.com"));
		assertThat(login.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
		assertThat(new PortalClient(this.port).get("/login").headers().firstValue("Strict-Transport-Security"))
			.isEmpty();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClock {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

	}

	/** Where a sign-in from a fresh browser sends it. */
	private String signInLandsOn(String username, String password) throws Exception {
		return new PortalClient(this.port).login(username, password).headers().firstValue("Location").orElseThrow();
	}

}
