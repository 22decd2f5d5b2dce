package dev.mfaportal.account;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import dev.mfaportal.system.SqlTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two team-mode instances on one PostgreSQL, as behind a load balancer: a session made on
 * one works on the other, wrong codes spread over both add up to the limit (one after the
 * other, and all at once), a member disabled on one is refused by the other, and two
 * admins disabling each other on both at once leave one admin. A third instance runs as
 * during a roll of the encryption key: on the new key, with the old one as a previous
 * key.
 */
class TwoInstancesIntegrationTest {

	static final String SCHEMA = "mfa_portal_two_instances_" + ProcessHandle.current().pid();

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	static final String KEY_1 = "AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=";

	/** Its own device, so that its code is never one another test spent. */
	static final EmulatedUser ROLL = EmulatedAccounts.user("roll");

	static final EmulatedUser SHARED = EmulatedAccounts.user("shared", "AKIASHARED0000000001",
			"secret-shared-00000000000000000000000000");

	static TestEmulator emulator;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static ConfigurableApplicationContext rolled;

	@BeforeAll
	static void startTwoInstances() {
		Tools.require(PostgresDatabase.reachable(),
				"no PostgreSQL answers at 127.0.0.1:5432 (user postgres, database test)");
		Flyway.configure()
			.dataSource(URL, PostgresDatabase.USER, "")
			.schemas(SCHEMA)
			.cleanDisabled(false)
			.load()
			.clean();
		PostgresDatabase.dropAtExit(SCHEMA);
		emulator = TestEmulator.start(EmulatorSettings.of(SHARED, ROLL), Clock.systemUTC());
		first = start();
		second = start();
		rolled = start("--portal.encryption.key-id=k2",
				"--portal.encryption.key=BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=",
				"--portal.encryption.previous-keys.k1=" + KEY_1);
	}

	private static ConfigurableApplicationContext start() {
		return start("--portal.encryption.key=" + KEY_1);
	}

	private static ConfigurableApplicationContext start(String... encryption) {
		// As command-line arguments, which outrank the test classpath's own database
		// settings.
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.datasource.url=" + URL, "--spring.datasource.username=" + PostgresDatabase.USER,
				"--spring.datasource.password=", "--spring.flyway.schemas=" + SCHEMA,
				"--portal.team.admin-password=two-instances-admin-1", "--portal.team.require-postgresql=true",
				"--portal.sts.endpoint=" + emulator.endpoint(), "--portal.iam.endpoint=" + emulator.endpoint()));
		arguments.addAll(List.of(encryption));
		return new SpringApplicationBuilder(MfaPortalApplication.class, SharedAccount.class).profiles("team")
			.run(arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second, rolled }) {
			if (context != null) {
				context.close();
			}
		}
		if (emulator != null) {
			emulator.close();
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static PortalClient on(ConfigurableApplicationContext context) {
		return new PortalClient(port(context));
	}

	/** A new member (added as {@link #addMember} does), signed in on the instance. */
	private static PortalClient signedInMember(String name, ConfigurableApplicationContext instance) throws Exception {
		String password = name + "-password-000001";
		addMember(name, password);
		PortalClient browser = on(instance);
		browser.login(name, password);
		return browser;
	}

	/**
	 * The admin adds a member on the first instance; the member sets a password on the
	 * second.
	 */
	private static void addMember(String name, String password) throws Exception {
		PortalClient admin = on(first);
		admin.login("admin", "two-instances-admin-1");
		HttpResponse<String> added = admin.post("/admin/users", Map.of("username", name), true);
		Matcher oneTime = Pattern.compile("data-one-time-password>([^<]+)<").matcher(added.body());
		assertThat(oneTime.find()).as(added.body()).isTrue();
		PortalClient member = on(second);
		member.login(name, oneTime.group(1));
		member.post(PasswordController.PATH, Map.of("currentPassword", oneTime.group(1), "newPassword", password,
				"confirmation", password, "_csrf", member.csrfToken(PasswordController.PATH)), false);
	}

	@Test
	void sessionWhenMadeOnOneInstanceThenValidOnTheOther() throws Exception {
		PortalClient browser = signedInMember("gina", first);
		assertThat(browser.get("/devices").statusCode()).isEqualTo(200);

		PortalClient sameCookiesOtherInstance = browser.at(port(second));
		assertThat(sameCookiesOtherInstance.get("/devices").statusCode()).isEqualTo(200);
		assertThat(sameCookiesOtherInstance.get("/devices").body()).contains("gina");
	}

	@Test
	void wrongCodesWhenSpreadOverBothInstancesThenTheyAddUpToTheLimit() throws Exception {
		PortalClient a = signedInMember("hank", first);
		PortalClient b = a.at(port(second));
		emulator.clearRecordedRequests();
		for (int i = 1; i <= 5; i++) {
			PortalClient instance = (i % 2 == 0) ? b : a;
			assertThat(attempt(instance, EmulatedAccounts.wrongCode(SHARED, 100 + i)).statusCode()).isEqualTo(422);
		}
		assertThat(attempt(b, EmulatedAccounts.wrongCode(SHARED, 200)).statusCode()).isEqualTo(429);
		assertThat(attempt(a, EmulatedAccounts.wrongCode(SHARED, 201)).statusCode()).isEqualTo(429);
		assertThat(emulator.recordedRequests()).hasSize(5);
	}

	@Test
	void twentyWrongCodesWhenSentAtOnceToBothInstancesThenAtMostFiveReachSts() throws Exception {
		PortalClient a = signedInMember("kim", first);
		PortalClient b = a.at(port(second));
		emulator.clearRecordedRequests();
		List<Integer> statuses = wrongCodesAtOnce(a, b, 20, 300);
		assertThat(statuses).containsOnly(422, 429);
		assertThat(emulator.recordedRequests()).hasSizeBetween(1, 5);
		assertThat(statuses.stream().filter((status) -> status == 422).count())
			.isEqualTo(emulator.recordedRequests().size());
	}

	/**
	 * Nine wrong codes in a row, older than the window: the tenth failure locks, so of
	 * ten codes sent at once to both instances only one may reach STS.
	 */
	@Test
	void tenWrongCodesWhenSentAtOnceToBothInstancesAfterNineInARowThenExactlyOneReachesSts() throws Exception {
		PortalClient a = signedInMember("nina", first);
		PortalClient b = a.at(port(second));
		Instant longAgo = Instant.now().minus(Duration.ofHours(1));
		for (int i = 9; i > 0; i--) {
			first.getBean(JdbcClient.class)
				.sql("insert into mfa_attempt (actor, serial_number, attempted_at, result) values (?, ?, ?, ?)")
				.params("nina", SHARED.device().serialNumber(), SqlTime.of(longAgo.minusSeconds(i)), "FAILURE")
				.update();
		}
		emulator.clearRecordedRequests();

		List<Integer> statuses = wrongCodesAtOnce(a, b, 10, 400);

		assertThat(emulator.recordedRequests()).as("STS calls").hasSize(1);
		assertThat(statuses).containsOnly(422, 429).filteredOn((status) -> status == 422).hasSize(1);
		assertThat(attempt(b, EmulatedAccounts.code(SHARED)).body()).contains("This device is locked");
		assertThat(emulator.recordedRequests()).hasSize(1);
	}

	@Test
	void codeWhenUsedOnOneInstanceThenTheOtherAnswersItWithoutCallingSts() throws Exception {
		PortalClient a = signedInMember("jill", first);
		PortalClient b = a.at(port(second));
		String code = EmulatedAccounts.code(SHARED);
		// Signed in on the first instance, issued on the second, the code tried again on
		// the first.
		assertThat(attempt(b, code).statusCode()).isEqualTo(200);
		HttpResponse<String> again = attempt(a, code);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("This code was already used");
	}

	@Test
	void codeWhenUsedOnAnInstanceOnTheOldEncryptionKeyThenOneOnTheNewKeyRefusesItWithoutCallingSts() throws Exception {
		PortalClient onOldKey = signedInMember("lou", first);
		PortalClient onNewKey = onOldKey.at(port(rolled));
		String code = EmulatedAccounts.code(ROLL);
		assertThat(attempt(onOldKey, ROLL, code).statusCode()).isEqualTo(200);
		emulator.clearRecordedRequests();
		HttpResponse<String> again = attempt(onNewKey, ROLL, code);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("This code was already used");
		assertThat(emulator.recordedRequests()).isEmpty();
	}

	@Test
	void adminsWhenTheyDisableEachOtherAtOnceOnTwoInstancesThenOneIsRefusedAndAnAdminRemains() throws Exception {
		JdbcClient jdbc = first.getBean(JdbcClient.class);
		addMember("ada", "ada-password-000001");
		jdbc.sql("update portal_user set admin = true where username = 'ada'").update();
		long adminId = jdbc.sql("select id from portal_user where username = 'admin'").query(Long.class).single();
		long adaId = jdbc.sql("select id from portal_user where username = 'ada'").query(Long.class).single();
		try {
			for (int round = 0; round < 5; round++) {
				jdbc.sql("update portal_user set enabled = true where id in (?, ?)").params(adminId, adaId).update();
				PortalClient admin = on(first);
				admin.login("admin", "two-instances-admin-1");
				PortalClient ada = on(second);
				ada.login("ada", "ada-password-000001");
				String adminToken = admin.csrfToken("/admin/users");
				String adaToken = ada.csrfToken("/admin/users");
				AtOnce.run(List.of(
						() -> admin.post("/admin/users/" + adaId + "/disable", Map.of("_csrf", adminToken), false),
						() -> ada.post("/admin/users/" + adminId + "/disable", Map.of("_csrf", adaToken), false)));
				assertThat(jdbc
					.sql("select count(*) from portal_user where admin = true and enabled = true and id in (?, ?)")
					.params(adminId, adaId)
					.query(Integer.class)
					.single()).as("round " + round).isEqualTo(1);
			}
		}
		finally {
			jdbc.sql("update portal_user set enabled = true where id = ?").param(adminId).update();
			jdbc.sql("update portal_user set admin = false, enabled = false where id = ?").param(adaId).update();
		}
	}

	@Test
	void memberWhenDisabledOnOneInstanceThenRefusedOnTheOther() throws Exception {
		PortalClient ivy = signedInMember("ivy", second);
		assertThat(ivy.get("/devices").statusCode()).isEqualTo(200);

		PortalClient admin = on(first);
		admin.login("admin", "two-instances-admin-1");
		String users = admin.get("/admin/users").body();
		Matcher id = Pattern.compile("href=\"/admin/users/(\\d+)\">ivy<").matcher(users);
		assertThat(id.find()).isTrue();
		admin.post("/admin/users/" + id.group(1) + "/disable", Map.of(), true);

		assertThat(ivy.get("/devices").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?disabled"));
	}

	/**
	 * Sends wrong codes at the same moment, every other one to each instance.
	 * @return the statuses, in the codes' order
	 */
	private static List<Integer> wrongCodesAtOnce(PortalClient a, PortalClient b, int codes, int firstCode)
			throws Exception {
		String tokenA = a.csrfToken();
		String tokenB = b.csrfToken();
		List<Callable<Integer>> sends = new ArrayList<>();
		for (int i = 1; i <= codes; i++) {
			PortalClient instance = (i % 2 == 0) ? b : a;
			String token = (i % 2 == 0) ? tokenB : tokenA;
			String code = EmulatedAccounts.wrongCode(SHARED, firstCode + i);
			sends
				.add(() -> instance
					.post("/session-token",
							Map.of("source", "shared", "serialNumber", SHARED.device().serialNumber(), "tokenCode",
									code, "durationSeconds", "900", "profileName", "mfa", "_csrf", token),
							false)
					.statusCode());
		}
		return AtOnce.run(sends);
	}

	@Test
	void passwordWhenChangedOnOneInstanceThenTheMembersOtherSessionsEndOnBoth() throws Exception {
		PortalClient changer = signedInMember("lena", second);
		PortalClient other = on(first);
		other.login("lena", "lena-password-000001");
		assertThat(other.get("/keys").statusCode()).isEqualTo(200);

		assertThat(changer.post(PasswordController.PATH,
				Map.of("currentPassword", "lena-password-000001", "newPassword", "lena-password-000002", "confirmation",
						"lena-password-000002", "_csrf", changer.csrfToken(PasswordController.PATH)),
				false)
			.statusCode()).isEqualTo(302);

		for (ConfigurableApplicationContext instance : List.of(first, second)) {
			assertThat(changer.at(port(instance)).get("/keys").statusCode()).isEqualTo(200);
		}
		// Signed in on the first instance, refused by the second, where nothing of it was
		// ever held.
		assertThat(other.at(port(second)).get("/keys").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?passwordChanged"));
	}

	@Test
	void passwordWhenResetByAnAdminOnOneInstanceThenEverySessionOfTheMemberEndsOnBoth() throws Exception {
		PortalClient onFirst = signedInMember("milo", first);
		PortalClient onSecond = on(second);
		onSecond.login("milo", "milo-password-000001");
		assertThat(onSecond.get("/keys").statusCode()).isEqualTo(200);

		PortalClient admin = on(first);
		admin.login("admin", "two-instances-admin-1");
		admin.post("/admin/users/" + memberId(admin, "milo") + "/reset-password", Map.of(), true);

		// Each session is refused by the instance it did not sign in on.
		for (PortalClient session : List.of(onFirst.at(port(second)), onSecond.at(port(first)))) {
			assertThat(session.get("/keys").headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?passwordChanged"));
		}
	}

	@Test
	void twoHundredGuessesWhenSentAtOnceToBothInstancesThenAtMostFiveAreJudged() throws Exception {
		addMember("nora", "nora-password-000001");
		List<Callable<String>> guesses = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			guesses.add(on((i % 2 == 0) ? first : second).signInLater("nora", "guess-" + i));
		}
		List<String> landings = AtOnce.run(guesses);
		assertThat(landings).allSatisfy((l) -> assertThat(l).matches(".*/login\\?(error|throttled)$|503"));
		assertThat(landings.stream().filter((l) -> l.endsWith("?error")).count()).isBetween(1L, 5L);
		assertThat(on(second).login("nora", "nora-password-000001").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?throttled"));
	}

	private static String memberId(PortalClient admin, String name) throws Exception {
		Matcher id = Pattern.compile("href=\"/admin/users/(\\d+)\">" + name + "<")
			.matcher(admin.get("/admin/users").body());
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	private static HttpResponse<String> attempt(PortalClient instance, String code) throws Exception {
		return attempt(instance, SHARED, code);
	}

	private static HttpResponse<String> attempt(PortalClient instance, EmulatedUser user, String code)
			throws Exception {
		return instance.post("/session-token", Map.of("source", user.userName(), "serialNumber",
				user.device().serialNumber(), "tokenCode", code, "durationSeconds", "900", "profileName", "mfa"), true);
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedAccount {

		@Bean
		@Primary
		CredentialSources sharedAccount() {
			return new EmulatedAccounts(List.of(SHARED, ROLL));
		}

	}

}
