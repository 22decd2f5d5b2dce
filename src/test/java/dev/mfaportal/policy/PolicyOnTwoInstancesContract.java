package dev.mfaportal.policy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.WebhookReceiver;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two team-mode instances on one database, reading one policy file, as behind a load
 * balancer with a mounted ConfigMap. The tests ({@link PolicyOnTwoInstancesTests}) run on
 * H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PolicyOnTwoInstancesContract {

	static final String ADMIN_PASSWORD = "h21a-policy-admin-1";

	static final String WEBHOOK_SECRET = "h21a-policy-webhook-secret";

	static final String ACCOUNT = "123456789012";

	static final EmulatedRole READ_LOGS = new EmulatedRole("arn:aws:iam::" + ACCOUNT + ":role/read-logs", 3600);

	static final EmulatedRole DEPLOY = new EmulatedRole("arn:aws:iam::" + ACCOUNT + ":role/deploy", 3600);

	static final EmulatedRole ADMIN_ROLE = new EmulatedRole("arn:aws:iam::" + ACCOUNT + ":role/admin", 3600);

	/** Each test's issues use a device of their own, so no code is another's. */
	static final List<EmulatedUser> USERS = List.of(EmulatedAccounts.user("h21a-refuse"),
			EmulatedAccounts.user("h21a-reload-a"), EmulatedAccounts.user("h21a-reload-b"),
			EmulatedAccounts.user("h21a-hostile"), EmulatedAccounts.user("lead-approved"));

	static final String FIRST_POLICY = """
			groups:
			  readers: [admin]
			rules:
			  - name: readers-read
			    who: [group:readers]
			    roles:
			      - arn: "arn:aws:iam::123456789012:role/read-*"
			        max-seconds: 3600
			      - arn: "arn:aws:iam::123456789012:role/deploy"
			        max-seconds: 900
			        approval: {by: [user:h21a-oncall], valid-minutes: 30}
			""";

	TestEmulator emulator;

	WebhookReceiver receiver;

	ConfigurableApplicationContext first;

	ConfigurableApplicationContext second;

	Path policyFile;

	PortalClient a;

	PortalClient b;

	/** The database both instances share; called once before they start. */
	abstract String databaseUrl();

	/** Settings of the database beyond its URL. */
	abstract List<String> databaseArguments();

	@BeforeAll
	void startTwoInstances() throws Exception {
		this.policyFile = Files.createTempDirectory("h21a-policy").resolve("policy.yaml");
		Files.writeString(this.policyFile, FIRST_POLICY);
		this.emulator = TestEmulator.start(EmulatorSettings.of(USERS.toArray(EmulatedUser[]::new))
			.withRoles(List.of(READ_LOGS, DEPLOY, ADMIN_ROLE)), Clock.systemUTC());
		this.receiver = new WebhookReceiver(WEBHOOK_SECRET);
		String url = databaseUrl();
		this.first = start(url, "first");
		this.second = start(url, "second");
		this.a = new PortalClient(port(this.first));
		this.a.login("admin", ADMIN_PASSWORD);
		this.b = this.a.at(port(this.second));
	}

	ConfigurableApplicationContext start(String url, String instance, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.datasource.url=" + url, "--portal.team.admin-password=" + ADMIN_PASSWORD,
				"--portal.sts.endpoint=" + this.emulator.endpoint(),
				"--portal.encryption.key=AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=",
				"--portal.team.policy-file=" + this.policyFile, "--portal.team.policy-poll-interval=200ms",
				"--portal.events.instance=" + instance, "--portal.events.webhook-url=" + this.receiver.url(),
				"--portal.events.webhook-secret=" + WEBHOOK_SECRET, "--portal.events.poll-interval=100ms"));
		arguments.addAll(databaseArguments());
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(MfaPortalApplication.class, Accounts.class).profiles("team")
			.run(arguments.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.first,
				this.second }) {
			if (context != null) {
				context.close();
			}
		}
		if (this.emulator != null) {
			this.emulator.close();
		}
		if (this.receiver != null) {
			this.receiver.stop();
		}
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	JdbcClient jdbc() {
		return this.first.getBean(JdbcClient.class);
	}

	/** A role issue's form fields. */
	static Map<String, String> roleForm(EmulatedUser user, String code, String roleArn, int seconds) {
		return Map.of("source", user.userName(), "serialNumber", user.device().serialNumber(), "tokenCode", code,
				"durationSeconds", String.valueOf(seconds), "profileName", "mfa", "roleArn", roleArn);
	}

	static Map<String, String> sessionForm(EmulatedUser user, String code, int seconds) {
		return Map.of("source", user.userName(), "serialNumber", user.device().serialNumber(), "tokenCode", code,
				"durationSeconds", String.valueOf(seconds), "profileName", "mfa");
	}

	/** The STS calls that would issue credentials, as the emulator received them. */
	long issuingCalls() {
		return this.emulator.recordedRequests()
			.stream()
			.filter((request) -> "AssumeRole".equals(request.action()) || "GetSessionToken".equals(request.action()))
			.count();
	}

	/** The refusal on a form page, or null when there is none. */
	static Element policyRefusal(HttpResponse<String> page) {
		return Html.parse(page.body()).selectFirst("[data-policy-refusal]");
	}

	/** The rule names the admin page of an instance shows. */
	static List<String> rulesShown(PortalClient client) throws IOException, InterruptedException {
		Document page = Html.parse(client.get("/admin/policy").body());
		return page.select("[data-rule]").eachAttr("data-rule");
	}

	static String errorShown(PortalClient client) throws IOException, InterruptedException {
		Element error = Html.parse(client.get("/admin/policy").body()).selectFirst("[data-policy-error] p");
		return (error != null) ? error.text() : null;
	}

	/** Waits at most this long for the condition; fails naming it when it never holds. */
	static void within(Duration limit, String what, Callable<Boolean> condition) throws Exception {
		Instant deadline = Instant.now().plus(limit);
		while (!condition.call()) {
			assertThat(Instant.now()).as(what).isBefore(deadline);
			Thread.sleep(50);
		}
	}

	static class Accounts {

		@Bean
		@Primary
		CredentialSources h21aPolicyAccounts() {
			return new EmulatedAccounts(USERS);
		}

	}

}
