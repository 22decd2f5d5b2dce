package dev.mfaportal.snippet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mfaportal.support.Tools;
import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shells themselves read the snippets: every hostile character arrives intact and the unset
 * twin clears every variable. Skips a shell that isn't installed, except in CI.
 */
class SnippetsInShellsTest {

	private static final TemporaryCredentials WITH_NEWLINE = new TemporaryCredentials("ASIA\nTWO LINES",
			SnippetsGoldenTest.HOSTILE.secretAccessKey(), SnippetsGoldenTest.HOSTILE.sessionToken(),
			Instant.parse("2026-11-26T22:00:00Z"));

	@TempDir
	Path dir;

	@Test
	void envSnippetWhenSourcedInBashThenEveryValueArrivesIntact() throws Exception {
		Tools.require(Tools.onPath("bash").isPresent(), "bash is not installed");
		for (TemporaryCredentials credentials : List.of(SnippetsGoldenTest.HOSTILE, WITH_NEWLINE)) {
			Path set = write(SnippetFormat.ENV, credentials);
			String printed = run("bash", "-c",
					". \"$1\"; printf '%s\\036' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\"",
					"bash", set.toString());
			assertThat(printed).isEqualTo(expected(credentials));
		}
	}

	@Test
	void envUnsetWhenSourcedAfterEnvThenNothingIsLeft() throws Exception {
		Tools.require(Tools.onPath("bash").isPresent(), "bash is not installed");
		Path set = write(SnippetFormat.ENV, SnippetsGoldenTest.HOSTILE);
		Path unset = write(SnippetFormat.ENV_UNSET, SnippetsGoldenTest.HOSTILE);
		String printed = run("bash", "-c", ". \"$1\"; . \"$2\"; env | grep '^AWS_' || true", "bash", set.toString(),
				unset.toString());
		assertThat(printed).isEmpty();
	}

	@Test
	void fishSnippetWhenSourcedInFishThenEveryValueArrivesIntact() throws Exception {
		Tools.require(Tools.onPath("fish").isPresent(), "fish is not installed (apt-get install fish)");
		for (TemporaryCredentials credentials : List.of(SnippetsGoldenTest.HOSTILE, WITH_NEWLINE)) {
			Path set = write(SnippetFormat.FISH, credentials);
			String printed = run("fish", "--no-config", "-c",
					"source $argv[1]; printf '%s\\036' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\"",
					set.toString());
			assertThat(printed).isEqualTo(expected(credentials));
		}
	}

	@Test
	void fishUnsetWhenSourcedAfterFishThenNothingIsLeft() throws Exception {
		Tools.require(Tools.onPath("fish").isPresent(), "fish is not installed (apt-get install fish)");
		Path set = write(SnippetFormat.FISH, SnippetsGoldenTest.HOSTILE);
		Path unset = write(SnippetFormat.FISH_UNSET, SnippetsGoldenTest.HOSTILE);
		String printed = run("fish", "--no-config", "-c", "source $argv[1]; source $argv[2]; env | grep '^AWS_'; true",
				set.toString(), unset.toString());
		assertThat(printed).isEmpty();
	}

	private static String expected(TemporaryCredentials credentials) {
		return credentials.accessKeyId() + "\036" + credentials.secretAccessKey() + "\036" + credentials.sessionToken()
				+ "\036" + Snippets.expiration(credentials) + "\036";
	}

	private Path write(SnippetFormat format, TemporaryCredentials credentials) throws IOException {
		Snippet snippet = Snippets.render(format, credentials, "mfa");
		return Files.writeString(this.dir.resolve(snippet.fileName()), snippet.content(), StandardCharsets.UTF_8);
	}


	private static String run(String... command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new String(output, StandardCharsets.UTF_8);
	}

}
