package dev.mfaportal.account;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.StubOpenIdProvider;
import dev.mfaportal.support.StubOpenIdProvider.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on, as a specification, against a stub OpenID provider: who the provider's
 * verified email lets in, as whom, and who is refused with which words.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.team.admin-password=first-admin-password-1", "server.address=127.0.0.1",
				"portal.encryption.key=BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=" })
@ActiveProfiles("team")
class SingleSignOnIntegrationTest {

	private static final String CLIENT_ID = "mfa-portal";

	private static final String CLIENT_SECRET = "stub-client-secret";

	// Up before the context starts: the portal reads the provider's discovery document at
	// start-up.
	static final StubOpenIdProvider provider = StubOpenIdProvider.start(CLIENT_ID, CLIENT_SECRET);

	@DynamicPropertySource
	static void registrations(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.stub.issuer-uri", provider::issuer);
		register(registry, "stub", "Stub ID", "openid,email");
		// Plain OAuth 2 at the same provider: no ID token, so no email the portal could
		// trust.
		register(registry, "plain", "Plain OAuth", "email");
	}

	private static void register(DynamicPropertyRegistry registry, String id, String name, String scope) {
		String prefix = "spring.security.oauth2.client.registration." + id + ".";
		registry.add(prefix + "provider", () -> "stub");
		registry.add(prefix + "client-id", () -> CLIENT_ID);
		registry.add(prefix + "client-secret", () -> CLIENT_SECRET);
		registry.add(prefix + "client-name", () -> name);
		registry.add(prefix + "scope", () -> scope);
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	UserRepository users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	private long member(String username, String email, boolean admin) {
		return this.users.insert(username, email, null, admin, false, Instant.now());
	}

	/**
	 * What a browser does after a click on a provider's link: to the provider, where the
	 * account signs in at once, and back to the portal. The answer is the portal's last
	 * redirect.
	 */
	private HttpResponse<String> signIn(PortalClient browser, String registrationId, String subject) throws Exception {
		HttpResponse<String> toProvider = browser.get("/oauth2/authorization/" + registrationId);
		assertThat(toProvider.statusCode()).isEqualTo(302);
		String authorize = toProvider.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(provider.issuer() + "/authorize?").contains("state=");
		HttpResponse<String> back = browser.get(authorize + "&login_hint=" + subject);
		assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
		String callback = back.headers().firstValue("Location").orElseThrow();
		assertThat(callback).startsWith("http://127.0.0.1:" + this.port + "/login/oauth2/code/" + registrationId);
		HttpResponse<String> signedIn = browser.get(callback);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return signedIn;
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	@Test
	void signInPageWhenProvidersConfiguredThenOneLinkEach() throws Exception {
		String page = new PortalClient(this.port).get("/login").body();
		assertThat(page).contains("href=\"/oauth2/authorization/stub\"")
			.contains("Sign in with Stub ID")
			.contains("href=\"/oauth2/authorization/plain\"")
			.contains("Sign in with Plain OAuth");
	}

	@Test
	void signInWhenVerifiedEmailOfAMemberThenInUnderTheMembersName() throws Exception {
		member("alice", "alice@example.com", false);
		provider.add(new Account("alice-at-provider", "Alice@Example.COM", true));
		PortalClient alice = new PortalClient(this.port);

		assertThat(location(signIn(alice, "stub", "alice-at-provider"))).doesNotContain("/login");
		HttpResponse<String> devices = alice.get("/devices");
		assertThat(devices.statusCode()).isEqualTo(200);
		assertThat(devices.body()).contains("<span>alice</span>");
		assertThat(alice.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from spring_session where principal_name = 'alice'")
			.query(Integer.class)
			.single()).isOne();

		assertThat(location(alice.post("/logout", Map.of(), true))).endsWith("/login?logout");
		assertThat(alice.get("/devices").statusCode()).isEqualTo(302);
	}

	@Test
	void signInWhenAdminsEmailThenAdminPages() throws Exception {
		member("ops", "ops@example.com", true);
		provider.add(new Account("ops-at-provider", "ops@example.com", true));
		PortalClient ops = new PortalClient(this.port);

		signIn(ops, "stub", "ops-at-provider");
		HttpResponse<String> admin = ops.get("/admin/users");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("<span>ops</span>");
	}

	@Test
	void signInWhenMemberStillHasAOneTimePasswordThenNotSentToChangeIt() throws Exception {
		this.users.insert("bob", "bob@example.com", this.encoder.encode("one-time-password-1"), false, true,
				Instant.now());
		provider.add(new Account("bob-at-provider", "bob@example.com", true));
		PortalClient viaProvider = new PortalClient(this.port);

		signIn(viaProvider, "stub", "bob-at-provider");
		assertThat(viaProvider.get("/devices").statusCode()).isEqualTo(200);

		PortalClient withPassword = new PortalClient(this.port);
		withPassword.login("bob", "one-time-password-1");
		assertThat(location(withPassword.get("/devices"))).endsWith(PasswordController.PATH);
	}

	@Test
	void sessionWhenAnAdminResetsTheMembersPasswordThenTheSingleSignOnSessionEndsToo() throws Exception {
		long gail = member("gail", "gail@example.com", false);
		provider.add(new Account("gail-at-provider", "gail@example.com", true));
		PortalClient viaProvider = new PortalClient(this.port);
		signIn(viaProvider, "stub", "gail-at-provider");
		assertThat(viaProvider.get("/keys").statusCode()).isEqualTo(200);

		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "first-admin-password-1");
		assertThat(admin.post("/admin/users/" + gail + "/reset-password", Map.of(), true).statusCode()).isEqualTo(200);

		assertThat(location(viaProvider.get("/keys"))).endsWith("/login?passwordChanged");
	}

	@Test
	void signInWhenEmailNotVerifiedOrMissingThenRefused() throws Exception {
		member("carol", "carol@example.com", false);
		provider.add(new Account("carol-unverified", "carol@example.com", false));
		provider.add(new Account("carol-no-email", null, false));
		for (String subject : new String[] { "carol-unverified", "carol-no-email" }) {
			PortalClient carol = new PortalClient(this.port);
			assertThat(location(signIn(carol, "stub", subject))).as(subject).endsWith("/login?sso=email_not_verified");
			assertThat(carol.get("/devices").statusCode()).as(subject).isEqualTo(302);
			assertThat(carol.get("/login?sso=email_not_verified").body()).as(subject)
				.contains("data-login-sso")
				.contains("confirm your email address");
		}
	}

	@Test
	void signInWhenNoMemberHasTheEmailThenRefused() throws Exception {
		provider.add(new Account("stranger", "stranger@example.com", true));
		PortalClient stranger = new PortalClient(this.port);

		assertThat(location(signIn(stranger, "stub", "stranger"))).endsWith("/login?sso=no_such_member");
		assertThat(stranger.get("/devices").statusCode()).isEqualTo(302);
		assertThat(stranger.get("/login?sso=no_such_member").body())
			.contains("No member here has the email address your sign-in provider gave.");
	}

	@Test
	void signInWhenMemberDisabledThenRefused() throws Exception {
		long dave = member("dave", "dave@example.com", false);
		this.users.setEnabled(dave, false);
		provider.add(new Account("dave-at-provider", "dave@example.com", true));
		PortalClient browser = new PortalClient(this.port);

		assertThat(location(signIn(browser, "stub", "dave-at-provider"))).endsWith("/login?sso=member_disabled");
		assertThat(browser.get("/devices").statusCode()).isEqualTo(302);
		assertThat(browser.get("/login?sso=member_disabled").body()).contains("Ask an admin.");
	}

	@Test
	void signInWhenSeveralMembersHaveTheEmailThenRefused() throws Exception {
		member("erin", "shared@example.com", false);
		member("erin-too", "SHARED@example.com", false);
		provider.add(new Account("shared-at-provider", "shared@example.com", true));

		assertThat(location(signIn(new PortalClient(this.port), "stub", "shared-at-provider")))
			.endsWith("/login?sso=several_members");
	}

	@Test
	void signInWhenRegistrationIsPlainOAuth2ThenRefused() throws Exception {
		member("frank", "frank@example.com", false);
		provider.add(new Account("frank", "frank@example.com", true));
		PortalClient frank = new PortalClient(this.port);

		assertThat(location(signIn(frank, "plain", "frank"))).endsWith("/login?sso");
		assertThat(frank.get("/devices").statusCode()).isEqualTo(302);
		assertThat(frank.get("/login?sso").body()).contains("Single sign-on didn");
	}

}
