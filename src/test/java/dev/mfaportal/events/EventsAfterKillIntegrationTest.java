package dev.mfaportal.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import dev.mfaportal.support.WebhookReceiver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart loses nothing: a portal in a JVM of its own, on PostgreSQL (whose commits are
 * on disk when they return), records events while the receiver refuses them and is killed
 * with SIGKILL ({@code Process.destroyForcibly}, no shutdown hook runs) in the middle of
 * a post, still holding that event's lease. A second portal on the same database, its own
 * JVM too, then delivers every one of them to the real receiver, signed, the one in
 * flight once its lease has passed.
 */
class EventsAfterKillIntegrationTest {

	static final String SCHEMA = "mfa_portal_events_kill_" + ProcessHandle.current().pid();

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	static final String SECRET = "kill-test-webhook-secret";

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@TempDir
	Path home;

	final WebhookReceiver receiver = new WebhookReceiver(SECRET);

	final List<Process> portals = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Process portal : this.portals) {
			portal.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
		this.receiver.stop();
	}

	@Test
	void killWhenEventsArePendingAndOneIsInFlightThenTheOtherInstanceDeliversEveryOne() throws Exception {
		Tools.require(PostgresDatabase.reachable(),
				"no PostgreSQL answers at 127.0.0.1:5432 (user postgres, database test)");
		Flyway.configure()
			.dataSource(URL, PostgresDatabase.USER, "")
			.schemas(SCHEMA)
			.cleanDisabled(false)
			.load()
			.clean();
		PostgresDatabase.dropAtExit(SCHEMA);
		JdbcClient jdbc = JdbcClient
			.create(new SimpleDriverDataSource(new org.postgresql.Driver(), URL, PostgresDatabase.USER, ""));
		// the first post hangs (the sender is in the middle of it when killed); the rest
		// are
		// refused
		this.receiver.answer(503);
		this.receiver.hang(1, 20_000);

		Process first = start("first");
		PortalClient browser = new PortalClient(port(first));
		for (int i = 0; i < 5; i++) {
			assertThat(browser
				.post("/session-token",
						Map.of("source", "profile:h23", "serialNumber", "arn:aws:iam::123456789012:mfa/h23",
								"tokenCode", "abc" + i, "durationSeconds", "900", "profileName", "mfa"),
						true)
				.statusCode()).isLessThan(500);
		}
		Set<String> recorded = Set.copyOf(jdbc.sql("select event_id from event_outbox").query(String.class).list());
		assertThat(recorded).hasSize(5);
		await("the first post, in flight", () -> !this.receiver.posts().isEmpty());

		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		assertThat(jdbc.sql("select count(*) from event_outbox where status = 'PENDING' and claimed_until > ?")
			.param(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
			.query(Long.class)
			.single()).as("the event in flight, its lease held by the killed portal").isOne();
		assertThat(jdbc.sql("select count(*) from event_outbox where status = 'PENDING'").query(Long.class).single())
			.isEqualTo(5);

		this.receiver.answer(200);
		int refused = this.receiver.posts().size();
		Process second = start("second");
		port(second);
		await("every event delivered",
				() -> jdbc.sql("select count(*) from event_outbox where status = 'SENT'")
					.query(Long.class)
					.single() == 5);

		assertThat(delivered(refused)).containsAll(recorded);
		assertThat(this.receiver.posts()).allSatisfy((post) -> assertThat(post.signedWithTheSecret()).isTrue());
		System.out.printf("Killed with -9: %d events recorded, %d posts in all, every event delivered%n",
				recorded.size(), this.receiver.posts().size());
	}

	/**
	 * The events posted once the receiver took them, by the header a receiver
	 * de-duplicates on; each recorded by the killed portal.
	 */
	private Set<String> delivered(int from) {
		List<WebhookReceiver.Post> posts = this.receiver.posts();
		return posts.subList(from, posts.size())
			.stream()
			.filter((post) -> post.body().contains("\"instance\":\"first\""))
			.map(WebhookReceiver.Post::eventId)
			.collect(Collectors.toSet());
	}

	private Process start(String instance) throws IOException {
		Path aws = Files.createDirectories(this.home.resolve(".aws"));
		Files.writeString(aws.resolve("credentials"),
				"[h23]\naws_access_key_id = AKIAKILLTEST00000001\naws_secret_access_key = killTestSecret/000000000000000000000000000\n");
		Files.writeString(aws.resolve("config"),
				"[profile h23]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/h23\n");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Duser.home=" + Files.createDirectories(this.home.resolve(instance)), "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), "dev.mfaportal.MfaPortalApplication", "--server.port=0",
				"--server.address=127.0.0.1", "--portal.access.launch-token=false",
				"--portal.data-dir=" + this.home.resolve(instance).resolve(".mfa-portal"),
				"--spring.datasource.url=" + URL, "--spring.datasource.username=" + PostgresDatabase.USER,
				"--spring.datasource.password=", "--spring.flyway.schemas=" + SCHEMA,
				"--portal.events.webhook-url=" + this.receiver.url(), "--portal.events.webhook-secret=" + SECRET,
				"--portal.events.poll-interval=200ms", "--portal.events.request-timeout=1s",
				"--portal.events.connect-timeout=500ms", "--portal.events.instance=" + instance)
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
		builder.environment().put("AWS_CONFIG_FILE", aws.resolve("config").toString());
		Process portal = builder.start();
		this.portals.add(portal);
		return portal;
	}

	private static int port(Process portal) throws IOException {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(portal.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		for (String line = output.readLine(); line != null; line = output.readLine()) {
			seen.append(line).append('\n');
			Matcher started = PORT.matcher(line);
			if (started.find()) {
				Thread drain = new Thread(() -> {
					try {
						output.transferTo(Writer.nullWriter());
					}
					catch (IOException closedWhenThePortalStopped) {
						// nothing more to read
					}
				});
				drain.setDaemon(true);
				drain.start();
				return Integer.parseInt(started.group(1));
			}
		}
		throw new IllegalStateException("the portal did not start:\n" + seen);
	}

	private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(60);
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as(what).isBefore(deadline);
			Thread.sleep(50);
		}
	}

}
