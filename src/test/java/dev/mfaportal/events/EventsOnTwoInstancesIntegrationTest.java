package dev.mfaportal.events;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import dev.mfaportal.support.WebhookReceiver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two team-mode instances on one PostgreSQL, both sending to one receiver: 200 issues
 * spread over them deliver 200 distinct events, each at least once; the duplicates are
 * counted and printed, not forbidden (at least once is the promise).
 */
class EventsOnTwoInstancesIntegrationTest {

	static final String SCHEMA = "mfa_portal_events_two_" + ProcessHandle.current().pid();

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	static final String SECRET = "two-instances-webhook-secret";

	static final List<EmulatedUser> USERS = IntStream.range(0, 200)
		.mapToObj((i) -> EmulatedAccounts.user(String.format("ev%03d", i)))
		.toList();

	static TestEmulator emulator;

	static WebhookReceiver receiver;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

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
		emulator = TestEmulator.start(EmulatorSettings.of(USERS.toArray(EmulatedUser[]::new)), Clock.systemUTC());
		receiver = new WebhookReceiver(SECRET);
		first = start("first");
		second = start("second");
	}

	private static ConfigurableApplicationContext start(String instance) {
		return new SpringApplicationBuilder(MfaPortalApplication.class, TwoHundredAccounts.class).profiles("team")
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.datasource.url=" + URL,
					"--spring.datasource.username=" + PostgresDatabase.USER, "--spring.datasource.password=",
					"--spring.flyway.schemas=" + SCHEMA, "--portal.team.admin-password=events-two-admin-1",
					"--portal.team.require-postgresql=true", "--portal.sts.endpoint=" + emulator.endpoint(),
					"--portal.iam.endpoint=" + emulator.endpoint(),
					"--portal.encryption.key=AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=",
					"--portal.events.webhook-url=" + receiver.url(), "--portal.events.webhook-secret=" + SECRET,
					"--portal.events.poll-interval=100ms", "--portal.events.instance=" + instance);
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
		if (emulator != null) {
			emulator.close();
		}
		if (receiver != null) {
			receiver.stop();
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void issuesWhenSpreadOverTwoInstancesThenEveryEventArrivesAtLeastOnceSignedFromBoth() throws Exception {
		PortalClient a = new PortalClient(port(first));
		a.login("admin", "events-two-admin-1");
		PortalClient b = a.at(port(second));
		for (int i = 0; i < USERS.size(); i++) {
			EmulatedUser user = USERS.get(i);
			HttpResponse<String> issued = ((i % 2 == 0) ? a : b).post(
					"/session-token", Map.of("source", user.userName(), "serialNumber", user.device().serialNumber(),
							"tokenCode", EmulatedAccounts.code(user), "durationSeconds", "900", "profileName", "mfa"),
					true);
			assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		}

		Instant deadline = Instant.now().plusSeconds(120);
		while (issuedEvents().size() < USERS.size()) {
			assertThat(Instant.now()).as("200 issued events delivered").isBefore(deadline);
			Thread.sleep(200);
		}
		List<WebhookReceiver.Post> posts = receiver.posts();
		assertThat(posts).allSatisfy((post) -> assertThat(post.signedWithTheSecret()).isTrue());
		assertThat(issuedEvents()).hasSize(USERS.size());
		assertThat(posts).anySatisfy((post) -> assertThat(post.body()).contains("\"instance\":\"first\""))
			.anySatisfy((post) -> assertThat(post.body()).contains("\"instance\":\"second\""));
		long duplicates = posts.size() - posts.stream().map(WebhookReceiver.Post::eventId).distinct().count();
		System.out.printf("Two instances, %d issues: %d posts, %d distinct events, %d duplicates%n", USERS.size(),
				posts.size(), posts.stream().map(WebhookReceiver.Post::eventId).distinct().count(), duplicates);
	}

	private static Set<String> issuedEvents() {
		Set<String> ids = new HashSet<>();
		for (WebhookReceiver.Post post : receiver.posts()) {
			if (post.body().contains("\"type\":\"issued\"")) {
				ids.add(post.eventId());
			}
		}
		return ids;
	}

	static class TwoHundredAccounts {

		@Bean
		@Primary
		CredentialSources twoHundredAccounts() {
			return new EmulatedAccounts(USERS);
		}

	}

}
