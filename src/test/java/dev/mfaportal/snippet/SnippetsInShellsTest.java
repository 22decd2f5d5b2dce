package dev.mfaportal.snippet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.HostileProfileNames;
import dev.mfaportal.support.Tools;
import dev.mfaportal.sts.StsModel;
import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	 * in the name of every snippet. The rule ({@link StsModel#PROFILE_NAME}) lets a few
	 * through; the snippets refuse the rest rather than render them.
	 */
	static final List<String> HOSTILE_PROFILE_NAMES = HostileProfileNames.ALL;

	@Test
	void everyShellSnippetWhenProfileNameIsHostileThenBashAndFishRunNothingAndGetEveryValue() throws Exception {
		Tools.require(Tools.onPath("bash").isPresent(), "bash is not installed");
		Tools.require(Tools.onPath("fish").isPresent(), "fish is not installed (apt-get install fish)");
		for (String profile : HOSTILE_PROFILE_NAMES) {
			if (!StsModel.isProfileName(profile)) {
				assertThatIllegalArgumentException().as(profile)
					.isThrownBy(() -> Snippets.render(SnippetFormat.ENV, SnippetsGoldenTest.HOSTILE, profile));
				assertThatIllegalArgumentException().as(profile).isThrownBy(() -> Snippets.usage(profile));
				continue;
			}
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
			assertThat(this.dir.resolve("pwned")).as(profile).doesNotExist();
		}
		assertThat(HOSTILE_PROFILE_NAMES).filteredOn(StsModel::isProfileName).contains("@home", "+p");
	}

	/**
	 * The "try it" lines as a person pastes them, in bash and in fish, run by Debian's
	 * AWS CLI (not a stub) with a credentials file of the snippet's sections, against the
	 * emulator: the CLI must find the section under the name the line gives, and STS
	 * answers as the user whose session it holds. A line that names the profile
	 * differently from its section, or quotes it so the shell changes it, fails here.
	 */
	@Test
	void usageLinesWhenPastedInBashAndFishThenTheAwsCliFindsTheProfileAndStsAnswers() throws Exception {
		Path cli = Tools.requireAwsCli();
		Tools.require(Tools.onPath("bash").isPresent(), "bash is not installed");
		Tools.require(Tools.onPath("fish").isPresent(), "fish is not installed (apt-get install fish)");
		List<String> names = new ArrayList<>(List.of("mfa", SnippetsGoldenTest.HOSTILE_PROFILE));
		HOSTILE_PROFILE_NAMES.stream().filter(StsModel::isProfileName).forEach(names::add);
		EmulatedUser user = EmulatedAccounts.user("shells");
		try (TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(user))) {
			TemporaryCredentials session = session(emulator, user);
			StringBuilder file = new StringBuilder();
			for (String name : names) {
				file.append(Snippets.render(SnippetFormat.CREDENTIALS_FILE, session, name).content()).append('\n');
			}
			Path credentials = Files.writeString(this.dir.resolve("credentials"), file);
			// "aws" is the real CLI, told only where STS is: Debian's 2.9 predates
			// AWS_ENDPOINT_URL_STS, so the global --endpoint-url goes first and the
			// line's own
			// arguments follow as the shell made them.
			Path bin = Files.createDirectories(this.dir.resolve("bin"));
			Path aws = Files.writeString(bin.resolve("aws"),
					"#!/bin/sh\nexec \"$PORTAL_AWS_CLI\" --endpoint-url \"$PORTAL_STS\" \"$@\"\n");
			aws.toFile().setExecutable(true);
			Map<String, String> environment = Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", this.dir.toString(),
					"PORTAL_AWS_CLI", cli.toString(), "PORTAL_STS", emulator.endpoint().toString(),
					"AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_CONFIG_FILE",
					this.dir.resolve("no-config").toString(), "AWS_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1",
					"AWS_PAGER", "");
			for (String name : names) {
				for (SnippetFormat shell : List.of(SnippetFormat.ENV, SnippetFormat.FISH)) {
					List<String> lines = Snippets.usage(shell, name).lines();
					String profileArgument = lines.get(0).substring(lines.get(0).indexOf(" --profile "));
					assertThat(lines.get(1)).as(name).endsWith(profileArgument);
					String[] command = (shell == SnippetFormat.ENV) ? new String[] { "bash", "-c", lines.get(0) }
							: new String[] { "fish", "--no-config", "-c", lines.get(0) };
					String printed = runIn(this.dir, environment, command);
					assertThat(printed).as(shell.id() + " " + name)
						.contains("\"Arn\": \"arn:aws:iam::123456789012:user/shells\"");
				}
			}
			assertThat(emulator.recordedRequests()).filteredOn((call) -> "GetCallerIdentity".equals(call.action()))
				.hasSize(names.size() * 2)
				.allSatisfy((call) -> assertThat(call.accessKeyId()).isEqualTo(session.accessKeyId()));
		}
		assertThat(this.dir.resolve("pwned")).doesNotExist();
	}

	/**
	 * A session the emulator issued, so that the CLI's calls are signed with real keys.
	 */
	private static TemporaryCredentials session(TestEmulator emulator, EmulatedUser user) {
		try (StsClient sts = StsClient.builder()
			.endpointOverride(emulator.endpoint())
			.region(Region.US_EAST_1)
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())))
			.build()) {
			Credentials issued = sts
				.getSessionToken((request) -> request.serialNumber(user.device().serialNumber())
					.tokenCode(EmulatedAccounts.code(user))
					.durationSeconds(900))
				.credentials();
			return new TemporaryCredentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(),
					issued.expiration());
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
		return runIn(directory, Map.of(), command);
	}

	private static String runIn(Path directory, Map<String, String> environment, String... command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new String(output, StandardCharsets.UTF_8);
	}

}
