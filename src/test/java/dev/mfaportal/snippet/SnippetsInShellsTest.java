package dev.mfaportal.snippet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mfaportal.support.HostileProfileNames;
import dev.mfaportal.support.Tools;
import dev.mfaportal.sts.StsModel;
import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shells themselves read the snippets: every hostile character arrives intact and the
 * unset twin clears every variable. Skips a shell that isn't installed, except in CI.
 */
class SnippetsInShellsTest {

	private static final TemporaryCredentials WITH_NEWLINE = new TemporaryCredentials("ASIA\nTWO LINES",
			SnippetsGoldenTest.HOSTILE.secretAccessKey(), SnippetsGoldenTest.HOSTILE.sessionToken(),
			Instant.parse("2026-11-26T22:00:00Z"));

	/** Prints the four variables, each followed by a record separator. */
	private static final String PRINT_EVERY_VALUE = "printf '%s\\036' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\""
			+ " \"$AWS_SESSION_TOKEN\" \"$AWS_CREDENTIAL_EXPIRATION\"";

	@TempDir
	Path dir;

	@Test
	void envSnippetWhenSourcedInBashThenEveryValueArrivesIntact() throws Exception {
		Tools.require(Tools.onPath("bash").isPresent(), "bash is not installed");
		assertEveryValueArrivesIntact(SnippetFormat.ENV, "bash", "-c", ". \"$1\"; " + PRINT_EVERY_VALUE, "bash");
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
		assertEveryValueArrivesIntact(SnippetFormat.FISH, "fish", "--no-config", "-c",
				"source $argv[1]; " + PRINT_EVERY_VALUE);
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

	/**
	 * Profile names reach the shell in the "try it" commands ({@link Snippets#usage}) and
	 * in the name of every snippet; the first six pass the form's check, the rest could
	 * only arrive if that check were ever loosened.
	 */
	static final List<String> HOSTILE_PROFILE_NAMES = HostileProfileNames.ALL;

	@Test
	void everyShellSnippetWhenProfileNameIsHostileThenBashAndFishRunNothingAndGetEveryValue() throws Exception {
		Tools.require(Tools.onPath("bash").isPresent(), "bash is not installed");
		Tools.require(Tools.onPath("fish").isPresent(), "fish is not installed (apt-get install fish)");
		for (String profile : HOSTILE_PROFILE_NAMES) {
			for (SnippetFormat format : List.of(SnippetFormat.ENV, SnippetFormat.ENV_UNSET)) {
				Path file = this.dir.resolve("snippet.sh");
				Files.writeString(file, Snippets.render(format, SnippetsGoldenTest.HOSTILE, profile).content());
				String printed = runIn(this.dir, "bash", "-c",
						". \"$1\"; printf '%s\\036' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\"", "bash",
						file.toString());
				if (format == SnippetFormat.ENV) {
					assertThat(printed).as(profile).startsWith(SnippetsGoldenTest.HOSTILE.accessKeyId() + "\036");
				}
			}
			for (SnippetFormat format : List.of(SnippetFormat.FISH, SnippetFormat.FISH_UNSET)) {
				Path file = this.dir.resolve("snippet.fish");
				Files.writeString(file, Snippets.render(format, SnippetsGoldenTest.HOSTILE, profile).content());
				String printed = runIn(this.dir, "fish", "--no-config", "-c",
						"source $argv[1]; printf '%s\\036' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\"",
						file.toString());
				if (format == SnippetFormat.FISH) {
					assertThat(printed).as(profile).startsWith(SnippetsGoldenTest.HOSTILE.accessKeyId() + "\036");
				}
			}
			for (String command : Snippets.usage(profile)) {
				String bash = runIn(this.dir, "bash", "-c", "aws() { printf '%s\\036' \"$@\"; }; " + command);
				assertThat(bash).as(profile).endsWith("--profile\036" + profile + "\036");
				String fish = runIn(this.dir, "fish", "--no-config", "-c",
						"function aws; printf '%s\\036' $argv; end; " + command);
				assertThat(fish).as(profile).contains("--profile\036");
				if (StsModel.PROFILE_NAME.matcher(profile).matches()) {
					assertThat(fish).as(profile).endsWith("--profile\036" + profile + "\036");
				}
			}
			assertThat(this.dir.resolve("pwned")).as(profile).doesNotExist();
		}
	}

	private static String expected(TemporaryCredentials credentials) {
		return credentials.accessKeyId() + "\036" + credentials.secretAccessKey() + "\036" + credentials.sessionToken()
				+ "\036" + Snippets.expiration(credentials) + "\036";
	}

	/**
	 * Writes the snippet of each credentials, has the shell (its command, then the
	 * snippet's path) source it and print the four values, and compares.
	 */
	private void assertEveryValueArrivesIntact(SnippetFormat format, String... shell) throws Exception {
		for (TemporaryCredentials credentials : List.of(SnippetsGoldenTest.HOSTILE, WITH_NEWLINE)) {
			List<String> command = new ArrayList<>(List.of(shell));
			command.add(write(format, credentials).toString());
			assertThat(run(command.toArray(String[]::new))).isEqualTo(expected(credentials));
		}
	}

	private Path write(SnippetFormat format, TemporaryCredentials credentials) throws IOException {
		Snippet snippet = Snippets.render(format, credentials, "mfa");
		return Files.writeString(this.dir.resolve(snippet.fileName()), snippet.content(), StandardCharsets.UTF_8);
	}

	private static String run(String... command) throws IOException, InterruptedException {
		return runIn(null, command);
	}

	private static String runIn(Path directory, String... command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new String(output, StandardCharsets.UTF_8);
	}

}
