package dev.mfaportal.account;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.AtOnce;
import dev.mfaportal.issuing.HardwareCodes;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.PortalClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
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
		String oneTime = added(name, false);
		PortalClient member = new PortalClient(this.port);
		member.login(name, oneTime);
		assertThat(member.get("/").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith(PasswordController.PATH));
		HttpResponse<String> changed = changePassword(member, oneTime, password);
		assertThat(changed.statusCode()).isEqualTo(302);
		return member;
	}

	/** Adds a member (or an admin) through the admin page; its one-time password. */
	private String added(String name, boolean asAdmin) throws Exception {
		Map<String, String> form = asAdmin ? Map.of("username", name, "email", name + "@example.com", "admin", "true")
				: Map.of("username", name, "email", name + "@example.com");
		HttpResponse<String> added = admin().post("/admin/users", form, true);
		assertThat(added.statusCode()).isEqualTo(200);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(added.body());
		assertThat(oneTime.find()).isTrue();
		return oneTime.group(1);
	}

	private static HttpResponse<String> changePassword(PortalClient member, String current, String chosen)
			throws Exception {
		return member.post(PasswordController.PATH, Map.of("currentPassword", current, "newPassword", chosen,
				"confirmation", chosen, "_csrf", member.csrfToken(PasswordController.PATH)), false);
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
			assertThat(anonymous.getWithHeaders(path, Map.of("Authorization", "anything")).statusCode()).as(path)
				.isEqualTo(404);
		}
		for (String path : new String[] { "/terminal/stop", "/terminal/token" }) {
			assertThat(anonymous.post(path, Map.of(), false).statusCode()).as(path).isEqualTo(404);
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
		assertThat(carol.get("/").statusCode()).isEqualTo(200);
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
			.param(OffsetDateTime.now())
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
	void forwardedHeadersWhenNoProxyIsConfiguredThenIgnored() throws Exception {
		HttpResponse<String> login = new PortalClient(this.port).getWithHeaders("/login",
				Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "portal.example.com"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void signInWhenEachTryForgesAnotherForwardedAddressThenAllCountAgainstTheRealOne() throws Exception {
		clock.advance(Duration.ofMinutes(16));
		try {
			List<String> landings = new ArrayList<>();
			for (int i = 1; i <= 21; i++) {
				landings.add(signInFrom("203.0.113." + i, "sprayed-" + i, "wrong"));
			}
			assertThat(landings.subList(0, 20)).allSatisfy((l) -> assertThat(l).endsWith("/login?error"));
			assertThat(landings.get(20)).endsWith("/login?throttled");
			assertThat(this.jdbc
				.sql("select client_address from audit_event where outcome like 'SIGN_IN%' and occurred_at >= ?")
				.param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
				.query(String.class)
				.list()).hasSize(21).containsOnly("127.0.0.1");
		}
		finally {
			clock.advance(Duration.ofMinutes(16));
		}
	}

	@Test
	void signInWhenTwoHundredGuessesArriveAtOnceThenAtMostFiveAreJudged() throws Exception {
		member("olga", "olga-password-0001");
		clock.advance(Duration.ofMinutes(16));
		try {
			List<Callable<String>> guesses = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				guesses.add(new PortalClient(this.port).signInLater("olga", "guess-" + i));
			}
			long judgedBefore = CountingPasswordEncoder.matches.get();
			List<String> landings = AtOnce.run(guesses);
			long judged = CountingPasswordEncoder.matches.get() - judgedBefore;
			assertThat(landings).allSatisfy((l) -> assertThat(l).matches(".*/login\\?(error|throttled)$|503"));
			assertThat(landings.stream().filter((l) -> l.endsWith("?error")).count()).isBetween(1L, 5L);
			assertThat(judged).isBetween(1L, 5L);
			assertThat(signInLandsOn("olga", "olga-password-0001")).endsWith("/login?throttled");
		}
		finally {
			clock.advance(Duration.ofMinutes(16));
		}
	}

	@Test
	void signInWhenTheMemberSignsInBetweenGuessesThenTheGuessesStillCount() throws Exception {
		member("pia", "pia-password-00001");
		clock.advance(Duration.ofMinutes(16));
		try {
			for (int i = 0; i < 4; i++) {
				assertThat(signInLandsOn("pia", "guess-" + i)).endsWith("/login?error");
			}
			assertThat(signInLandsOn("pia", "pia-password-00001")).doesNotContain("error").doesNotContain("throttled");
			assertThat(signInLandsOn("pia", "guess-4")).endsWith("/login?error");
			assertThat(signInLandsOn("pia", "pia-password-00001")).endsWith("/login?throttled");
		}
		finally {
			clock.advance(Duration.ofMinutes(16));
		}
	}

	@Test
	void passwordWhenChangedThenEveryOtherSessionOfTheMemberEndsAndTheOneThatChangedItStays() throws Exception {
		PortalClient ines = member("ines", "ines-password-0001");
		PortalClient elsewhere = new PortalClient(this.port);
		elsewhere.login("ines", "ines-password-0001");
		assertThat(elsewhere.get("/keys").statusCode()).isEqualTo(200);

		HttpResponse<String> changed = ines.post(PasswordController.PATH,
				Map.of("currentPassword", "ines-password-0001", "newPassword", "ines-password-0002", "confirmation",
						"ines-password-0002", "_csrf", ines.csrfToken(PasswordController.PATH)),
				false);
		assertThat(changed.statusCode()).isEqualTo(302);

		assertThat(ines.get("/keys").statusCode()).isEqualTo(200);
		assertThat(elsewhere.get("/keys").headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?passwordChanged"));
		assertThat(sessionsOf("ines")).isOne();
	}

	@Test
	void passwordWhenChangedThenTheSessionThatChangedItGetsANewIdAndTheOldIdIsNoSession() throws Exception {
		PortalClient nora = member("h23-nora", "h23-nora-password-1");
		String before = nora.cookie("MFAPORTAL_SESSION").orElseThrow();

		assertThat(changePassword(nora, "h23-nora-password-1", "h23-nora-password-2").statusCode()).isEqualTo(302);

		assertThat(nora.cookie("MFAPORTAL_SESSION"))
			.hasValueSatisfying((after) -> assertThat(after).isNotEqualTo(before));
		assertThat(nora.get("/keys").statusCode()).isEqualTo(200);
		HttpResponse<String> withTheOldId = new PortalClient(this.port).getWithHeaders("/keys",
				Map.of("Cookie", "MFAPORTAL_SESSION=" + before));
		assertThat(withTheOldId.statusCode()).isEqualTo(302);
		assertThat(withTheOldId.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).contains("/login"));
	}

	@Test
	void passwordWhenAnAdminResetsItThenEverySessionOfTheMemberEnds() throws Exception {
		PortalClient jo = member("jo", "jo-password-000001");
		PortalClient elsewhere = new PortalClient(this.port);
		elsewhere.login("jo", "jo-password-000001");
		long id = this.jdbc.sql("select id from portal_user where username = 'jo'").query(Long.class).single();

		assertThat(admin().post("/admin/users/" + id + "/reset-password", Map.of(), true).statusCode()).isEqualTo(200);

		for (PortalClient session : new PortalClient[] { jo, elsewhere }) {
			assertThat(session.get("/keys").headers().firstValue("Location"))
				.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?passwordChanged"));
		}
		assertThat(sessionsOf("jo")).isZero();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void accountActionsWhenDoneThenEachIsInTheHistoryAndItsCsvWithActorAndTargetAndInTheLog(CapturedOutput output)
			throws Exception {
		clock.advance(Duration.ofMinutes(16));
		try {
			String secret = "quinnSecretKey00000000000000000000canary";
			PortalClient quinn = member("quinn", "quinn-password-001");
			assertThat(
					quinn
						.post("/keys",
								Map.of("label", "work", "accessKeyId", "AKIAQUINN00000000001", "secretAccessKey",
										secret),
								true)
						.statusCode())
				.isEqualTo(302);
			long key = this.jdbc.sql("select id from access_key where owner = 'quinn'").query(Long.class).single();
			assertThat(quinn.post("/keys/" + key + "/delete", Map.of(), true).statusCode()).isEqualTo(302);
			long id = this.jdbc.sql("select id from portal_user where username = 'quinn'").query(Long.class).single();
			PortalClient admin = admin();
			admin.post("/admin/users/" + id + "/disable", Map.of(), true);
			admin.post("/admin/users/" + id + "/enable", Map.of(), true);
			String oneTime = Jsoup.parse(admin.post("/admin/users/" + id + "/reset-password", Map.of(), true).body())
				.select("[data-one-time-password]")
				.text();
			for (int i = 0; i < 5; i++) {
				assertThat(signInLandsOn("quinn", "quinn-guess-" + i)).endsWith("/login?error");
			}
			assertThat(signInLandsOn("quinn", oneTime)).endsWith("/login?throttled");

			Map<String, String> onThePage = new LinkedHashMap<>();
			for (Element row : Jsoup.parse(admin.get("/history?member=quinn").body()).select("tr[data-outcome]")) {
				onThePage.merge(row.attr("data-outcome"),
						(row.select("[data-member]").text() + " > " + row.select("[data-target]").text()).trim(),
						(a, b) -> a);
			}
			assertThat(onThePage).containsEntry("MEMBER_ADDED", "admin > quinn")
				.containsEntry("PASSWORD_CHANGED", "quinn > quinn")
				.containsEntry("KEY_STORED", "quinn >")
				.containsEntry("KEY_DELETED", "quinn >")
				.containsEntry("MEMBER_DISABLED", "admin > quinn")
				.containsEntry("MEMBER_ENABLED", "admin > quinn")
				.containsEntry("PASSWORD_RESET", "admin > quinn")
				.containsEntry("SIGNED_IN", "quinn >")
				.containsEntry("SIGN_IN_FAILED", "quinn >")
				.containsEntry("SIGN_IN_THROTTLED", "quinn >");

			List<String> csv = List.of(admin.get("/history.csv?member=quinn").body().split("\r\n"));
			List<String> header = List.of(csv.get(0).split(","));
			assertThat(header).contains("target");
			assertThat(csv).anySatisfy((line) -> {
				List<String> fields = List.of(line.split(",", -1));
				assertThat(fields.get(header.indexOf("member"))).isEqualTo("admin");
				assertThat(fields.get(header.indexOf("outcome"))).isEqualTo("MEMBER_DISABLED");
				assertThat(fields.get(header.indexOf("target"))).isEqualTo("quinn");
			});
			assertThat(csv)
				.anySatisfy((line) -> assertThat(line).contains(",quinn,work,AKIA").contains(",KEY_STORED,"));
			assertThat(csv.stream().filter((line) -> line.contains(",SIGN_IN_FAILED,")).count()).isEqualTo(5);

			assertThat(output.getAll()).contains("MEMBER_DISABLED")
				.contains("KEY_STORED")
				.contains("SIGN_IN_THROTTLED")
				.doesNotContain(secret)
				.doesNotContain(oneTime)
				.doesNotContain("quinn-password-001")
				.doesNotContain("quinn-guess-");
		}
		finally {
			clock.advance(Duration.ofMinutes(16));
		}
	}

	private int sessionsOf(String member) {
		return this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
			.param(member)
			.query(Integer.class)
			.single();
	}

	/** Where a failed sign-in carrying a forged {@code X-Forwarded-For} lands. */
	private String signInFrom(String forwardedFor, String username, String password) throws Exception {
		PortalClient browser = new PortalClient(this.port);
		String token = browser.csrfToken("/login");
		return browser
			.postWithHeaders("/login", Map.of("username", username, "password", password, "_csrf", token),
					Map.of("X-Forwarded-For", forwardedFor))
			.headers()
			.firstValue("Location")
			.orElseThrow();
	}

	@Test
	void staticFilesWhenThePasswordMustStillBeChangedThenServedNotRedirected() throws Exception {
		String oneTime = added("iris", false);
		PortalClient iris = new PortalClient(this.port);
		iris.login("iris", oneTime);
		assertThat(iris.get("/devices").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith(PasswordController.PATH));
		for (String file : new String[] { "/css/portal.css", "/js/portal.js", "/img/favicon.svg" }) {
			HttpResponse<String> served = iris.get(file);
			assertThat(served.statusCode()).as(file).isEqualTo(200);
			assertThat(served.body()).as(file).isNotBlank();
		}
	}

	@Test
	void signInWhenThePasswordIsOver72BytesThenAnOrdinaryFailureNever500() throws Exception {
		String long73 = "é".repeat(36) + "x";
		try {
			for (String name : new String[] { "admin", "nobody-long" }) {
				HttpResponse<String> refused = new PortalClient(this.port).login(name, long73);
				assertThat(refused.statusCode()).as(name).isEqualTo(302);
				assertThat(refused.headers().firstValue("Location")).as(name)
					.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
			}
		}
		finally {
			forgetFailures();
		}
	}

	@Test
	void passwordChangeWhenTheNewPasswordIsOver72BytesThenRefusedInWordsInBothLanguages(
			@Autowired MessageSource messages) throws Exception {
		PortalClient jane = member("jane", "jane-password-0001");
		// 37 characters, 73 bytes: short enough in characters, too long for bcrypt.
		String tooLong = "ñ".repeat(36) + "x";
		// A current password that long is simply not the current one.
		HttpResponse<String> wrongCurrent = changePassword(jane, tooLong, "jane-password-0002");
		assertThat(wrongCurrent.statusCode()).isEqualTo(400);
		assertThat(Html.byId(wrongCurrent.body(), "currentPassword-error").text())
			.isEqualTo(messages.getMessage("account.password.currentWrong", null, Locale.ENGLISH));
		forgetFailures();
		// English first, then the language switch the page offers (it sets the cookie).
		for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
			HttpResponse<String> refused = jane.post(PasswordController.PATH + "?lang=" + locale.getLanguage(),
					Map.of("currentPassword", "jane-password-0001", "newPassword", tooLong, "confirmation", tooLong,
							"_csrf", jane.csrfToken(PasswordController.PATH)),
					false);
			assertThat(refused.statusCode()).as(locale.toString()).isEqualTo(400);
			assertThat(Html.byId(refused.body(), "newPassword-error").text()).as(locale.toString())
				.isEqualTo(messages.getMessage("account.password.tooLong", new Object[] { 72 }, locale));
		}
		assertThat(messages.getMessage("account.password.tooLong", new Object[] { 72 }, Locale.forLanguageTag("es")))
			.isNotEqualTo(messages.getMessage("account.password.tooLong", new Object[] { 72 }, Locale.ENGLISH));
	}

	@Test
	void oneTimePasswordsWhenGeneratedThenBcryptTakesThemWhole() {
		for (int i = 0; i < 100; i++) {
			assertThat(FirstAdmin.OneTimePasswords.generate().getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.hasSizeBetween(PasswordController.MIN_LENGTH, 72);
		}
	}

	@Test
	void passwordChangeWhenTheCurrentPasswordIsGuessedThenTheSignInThrottleStopsIt(@Autowired MessageSource messages)
			throws Exception {
		PortalClient kate = member("kate", "kate-password-0001");
		try {
			for (int i = 0; i < 5; i++) {
				HttpResponse<String> wrong = changePassword(kate, "guess-" + i, "kate-password-0002");
				assertThat(Html.byId(wrong.body(), "currentPassword-error").text()).as("guess " + i)
					.isEqualTo(messages.getMessage("account.password.currentWrong", null, Locale.ENGLISH));
			}
			HttpResponse<String> right = changePassword(kate, "kate-password-0001", "kate-password-0002");
			assertThat(right.statusCode()).isEqualTo(429);
			assertThat(Html.byId(right.body(), "currentPassword-error").text())
				.isEqualTo(messages.getMessage("account.password.throttled", null, Locale.ENGLISH));
			assertThat(signInLandsOn("kate", "kate-password-0001")).endsWith("/login?throttled");
		}
		finally {
			forgetFailures();
		}
		assertThat(changePassword(kate, "kate-password-0001", "kate-password-0002").statusCode()).isEqualTo(302);
	}

	@Test
	void oneTimePasswordWhenSpentThenASessionFromBeforeTheResetCannotUseItToChangeThePassword() throws Exception {
		PortalClient stale = member("oona", "oona-password-0001");
		long id = this.jdbc.sql("select id from portal_user where username = 'oona'").query(Long.class).single();
		HttpResponse<String> reset = admin().post("/admin/users/" + id + "/reset-password", Map.of(), true);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(reset.body());
		assertThat(oneTime.find()).isTrue();
		assertThat(signInLandsOn("oona", oneTime.group(1))).doesNotContain("/login");

		// a session from before the reset (stolen: the reason for the reset) can't reach
		// the
		// page that would take the spent one-time password
		assertThat(stale.get(PasswordController.PATH).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?passwordChanged"));
		assertThat(stale.get("/keys").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/login"));
	}

	@Test
	void oneTimePasswordWhenUsedOnceThenASecondSignInWithItIsRefused() throws Exception {
		String oneTime = added("lena", false);
		assertThat(signInLandsOn("lena", oneTime)).doesNotContain("/login");
		assertThat(signInLandsOn("lena", oneTime)).endsWith("/login?oneTimeSpent");
	}

	@Test
	void oneTimePasswordWhenTriedTwiceAtOnceThenOnlyOneSignInGetsIn() throws Exception {
		String oneTime = added("mona", false);
		List<Callable<String>> tries = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			tries.add(() -> signInLandsOn("mona", oneTime));
		}
		List<String> landed = AtOnce.run(tries);
		assertThat(landed).filteredOn((location) -> !location.contains("/login")).hasSize(1);
		assertThat(landed).filteredOn((location) -> location.endsWith("/login?oneTimeSpent")).hasSize(3);
	}

	@Test
	void oneTimePasswordWhenOlderThanItsLifetimeThenRefusedAndAResetGivesAWorkingOne() throws Exception {
		String expired = added("nina", false);
		clock.advance(Duration.ofHours(24).plusMinutes(1));
		assertThat(signInLandsOn("nina", expired)).endsWith("/login?oneTimeSpent");
		long id = this.jdbc.sql("select id from portal_user where username = 'nina'").query(Long.class).single();
		HttpResponse<String> reset = admin().post("/admin/users/" + id + "/reset-password", Map.of(), true);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(reset.body());
		assertThat(oneTime.find()).isTrue();
		clock.advance(Duration.ofHours(23));
		assertThat(signInLandsOn("nina", oneTime.group(1))).doesNotContain("/login");
	}

	@Test
	void disableWhenTwoAdminsDisableEachOtherAtOnceThenOneIsRefusedAndAnAdminRemains() throws Exception {
		added("opal", true);
		this.jdbc
			.sql("update portal_user set password_hash = (select password_hash from portal_user "
					+ "where username = 'admin'), must_change_password = false where username = 'opal'")
			.update();
		long adminId = this.jdbc.sql("select id from portal_user where username = 'admin'").query(Long.class).single();
		long opalId = this.jdbc.sql("select id from portal_user where username = 'opal'").query(Long.class).single();
		try {
			for (int round = 0; round < 10; round++) {
				this.jdbc.sql("update portal_user set enabled = true where id in (?, ?)")
					.params(adminId, opalId)
					.update();
				PortalClient admin = signedIn("admin");
				PortalClient opal = signedIn("opal");
				String adminToken = admin.csrfToken("/admin/users");
				String opalToken = opal.csrfToken("/admin/users");
				AtOnce.run(List.of(
						() -> admin.post("/admin/users/" + opalId + "/disable", Map.of("_csrf", adminToken), false),
						() -> opal.post("/admin/users/" + adminId + "/disable", Map.of("_csrf", opalToken), false)));
				assertThat(this.jdbc
					.sql("select count(*) from portal_user where admin = true and enabled = true and id in (?, ?)")
					.params(adminId, opalId)
					.query(Integer.class)
					.single()).as("round " + round).isEqualTo(1);
			}
		}
		finally {
			this.jdbc.sql("update portal_user set enabled = true where id in (?, ?)").params(adminId, opalId).update();
			this.jdbc.sql("update portal_user set admin = false, enabled = false where id = ?").param(opalId).update();
		}
	}

	/**
	 * Signs in with the first admin's password (which the test gave the other admin too).
	 */
	private PortalClient signedIn(String name) throws Exception {
		PortalClient browser = new PortalClient(this.port);
		assertThat(browser.login(name, "first-admin-password-1").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("/login"));
		return browser;
	}

	/**
	 * Moves past the throttle's window, so the failures a test made don't count against
	 * the next.
	 */
	private static void forgetFailures() {
		clock.advance(Duration.ofMinutes(16));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClock {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

		@Bean
		@Primary
		PasswordEncoder countingPasswordEncoder() {
			return new CountingPasswordEncoder();
		}

	}

	/** The portal's encoder, counting the passwords it judges (each a bcrypt run). */
	static final class CountingPasswordEncoder implements PasswordEncoder {

		static final AtomicLong matches = new AtomicLong();

		private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		@Override
		public String encode(CharSequence rawPassword) {
			return this.encoder.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			matches.incrementAndGet();
			return this.encoder.matches(rawPassword, encodedPassword);
		}

	}

	/** Where a sign-in from a fresh browser sends it. */
	private String signInLandsOn(String username, String password) throws Exception {
		return new PortalClient(this.port).login(username, password).headers().firstValue("Location").orElseThrow();
	}

}
