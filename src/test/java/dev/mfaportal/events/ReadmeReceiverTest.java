package dev.mfaportal.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented receiver (docs/operations.md, once the README's), run as it is written
 * with Python, takes what the portal sends and refuses a post signed with another secret:
 * the example can't drift from the signature it checks.
 */
class ReadmeReceiverTest {

	private static final Pattern SECTION_CODE = Pattern
		.compile("## Send the history to your tools.*?```python\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern SECRET = Pattern.compile("SECRET = b\"([^\"]+)\"");

	private Process receiver;

	@AfterEach
	void stop() {
		if (this.receiver != null) {
			this.receiver.destroyForcibly();
		}
	}

	@Test
	void readmeReceiverWhenThePortalPostsThenItTakesTheEventAndRefusesAnotherSecret(@TempDir Path folder)
			throws Exception {
		Path python = Tools.onPath("python3").orElse(null);
		Tools.require(python != null, "no python3 on the PATH (apt-get install python3)");
		Matcher code = SECTION_CODE.matcher(Files.readString(Path.of("docs/operations.md")));
		assertThat(code.find()).as("the Python receiver of docs/operations.md").isTrue();
		Matcher secret = SECRET.matcher(code.group(1));
		assertThat(secret.find()).isTrue();
		int port = freePort();
		Path script = Files.writeString(folder.resolve("receiver.py"),
				code.group(1).replace("(\"127.0.0.1\", 9000)", "(\"127.0.0.1\", " + port + ")"));
		this.receiver = new ProcessBuilder(python.toString(), "-u", script.toString())
			.redirectOutput(folder.resolve("out.txt").toFile())
			.redirectErrorStream(true)
			.start();
		awaitListening(port);
		OutboxRow event = new OutboxRow(1, "0d7e5b6e-0000-4000-8000-000000000002", "issued", "alice",
				Instant.parse("2026-11-26T10:00:00Z"),
				"{\"id\":\"0d7e5b6e-0000-4000-8000-000000000002\",\"type\":\"issued\",\"actor\":\"alice\","
						+ "\"issued_access_key_id\":\"ASIAIOSFODNN7EXAMPLE\"}",
				"alice issued", "PENDING", 0, Instant.EPOCH, null, null, null);
		URI url = URI.create("http://127.0.0.1:" + port + "/hook");

		WebhookPost.Answer taken = new WebhookPost(Outboxes.settingsFor(url, secret.group(1))).send(event);
		WebhookPost.Answer refused = new WebhookPost(Outboxes.settingsFor(url, "another-secret")).send(event);

		assertThat(taken.status()).isEqualTo(204);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(Files.readString(folder.resolve("out.txt"))).contains("issued alice ASIAIOSFODNN7EXAMPLE");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitListening(int port) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException notYet) {
				assertThat(this.receiver.isAlive()).as("the receiver runs").isTrue();
				Thread.sleep(100);
			}
		}
		throw new AssertionError("the documented receiver did not listen on " + port);
	}

}
