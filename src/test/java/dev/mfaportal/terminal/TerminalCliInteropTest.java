package dev.mfaportal.terminal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.support.Tools;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI v2 with the lines the page gives, pasted as a person would: the
 * environment lines sourced once in bash or fish, the {@code credential_process} profiles
 * put in the config file. One shell keeps its environment through a renewal in the
 * browser (its next call uses the new session) and "Stop serving" (its next call fails
 * with the portal's message).
 */
class TerminalCliInteropTest extends ServedPortal {

	@TempDir
	Path dir;

	@Test
	void bashLinesWhenSourcedOnceThenTheSameShellFollowsARenewalAndStopsWithThePortalsMessage() throws Exception {
		Path aws = awsCli();
		Document first = issue(user("kim"), true);
		String firstKey = first.selectFirst("[data-credential=accessKeyId]").text();
		String lines = first.selectFirst("[data-terminal-lines=bash] code").wholeText();
		String call = aws + " sts get-caller-identity --endpoint-url " + emulator.endpoint()
				+ " --region us-east-1 --output json";
		Path script = Files.writeString(this.dir.resolve("shell.sh"),
				lines + "\n" + call + " > first.json\n" + "echo first-done\nread go\n" + call
						+ " > second.json\necho second-done\nread go\n" + call
						+ " > third.json 2> third.err\necho \"third-exit $?\"\n");
		Process shell = isolated(List.of("bash", script.toString())).start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
				Writer in = new java.io.OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8)) {
			assertThat(out.readLine()).isEqualTo("first-done");
			assertThat(callerKeys()).last().isEqualTo(firstKey);

			String renewedKey = issue(user("kim"), true).selectFirst("[data-credential=accessKeyId]").text();
			in.write("\n");
			in.flush();
			assertThat(out.readLine()).isEqualTo("second-done");
			assertThat(callerKeys()).last().isEqualTo(renewedKey).isNotEqualTo(firstKey);

			this.browser.post("/terminal/stop", Map.of(), true);
			in.write("\n");
			in.flush();
			assertThat(out.readLine()).isNotEqualTo("third-exit 0").startsWith("third-exit ");
		}
		finally {
			assertThat(shell.waitFor(120, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(Files.readString(this.dir.resolve("third.err")))
			.contains("Open the portal at http://127.0.0.1:" + this.port + "/");
	}

	@Test
	void fishLinesForARoleWhenSourcedThenTheCliActsAsTheRoleWithoutACode() throws Exception {
		Path aws = awsCli();
		Tools.require(Tools.onPath("fish").isPresent(), "fish is not installed (apt-get install fish)");
		issue(user("lou"), true);
		String lines = org.jsoup.Jsoup.parse(this.browser.get("/").body())
			.selectFirst("[data-terminal-lines=fish] code")
			.wholeText()
			.replace("/credentials'", "/credentials/admin-lou'");

		CliRun run = run(isolated(List.of("fish", "-c", lines + "\n" + aws + " sts get-caller-identity --endpoint-url "
				+ emulator.endpoint() + " --region us-east-1 --output json")));

		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(JSON.readTree(run.stdout()).get("Arn").asString())
			.isEqualTo("arn:aws:sts::123456789012:assumed-role/terminal-admin/terminal");
	}

	@Test
	void configLinesWhenCredentialProcessThenTheCliRunsItWithoutAShellForTheSessionAndEachRole() throws Exception {
		Path aws = awsCli();
		Document result = issue(user("max"), true);
		Files.writeString(this.dir.resolve("config"),
				result.selectFirst("[data-terminal-lines=config] code").wholeText());

		for (Map.Entry<String, String> profile : Map
			.of("mfa-portal", "arn:aws:iam::123456789012:user/max", "mfa-portal-admin-max",
					"arn:aws:sts::123456789012:assumed-role/terminal-admin/terminal")
			.entrySet()) {
			CliRun run = run(isolated(List.of(aws.toString(), "sts", "get-caller-identity", "--profile",
					profile.getKey(), "--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1",
					"--output", "json")));
			assertThat(run.exitCode()).as(run.stderr()).isZero();
			assertThat(JSON.readTree(run.stdout()).get("Arn").asString()).isEqualTo(profile.getValue());
		}
	}

	/** The access keys that signed GetCallerIdentity, in order. */
	private static List<String> callerKeys() {
		return emulator.recordedRequests()
			.stream()
			.filter((request) -> request.action().equals("GetCallerIdentity"))
			.map(RecordedRequest::accessKeyId)
			.toList();
	}

	private static Path awsCli() {
		Path cli = Path.of(System.getenv().getOrDefault("PORTAL_AWS_CLI", "/usr/bin/aws"));
		Tools.require(Files.isExecutable(cli), "no AWS CLI at " + cli + " (apt-get install awscli)");
		return cli;
	}

	/**
	 * The child's AWS setup is only what the test gives it: no {@code AWS_*} from the
	 * build, an empty credentials file, the test's config file.
	 */
	private ProcessBuilder isolated(List<String> command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.toUpperCase(Locale.ROOT).startsWith("AWS_"));
		environment.put("HOME", Files.createDirectories(this.dir.resolve("home")).toString());
		Path config = this.dir.resolve("config");
		if (!Files.exists(config)) {
			Files.writeString(config, "");
		}
		environment.put("AWS_CONFIG_FILE", config.toString());
		environment.put("AWS_SHARED_CREDENTIALS_FILE",
				Files.writeString(this.dir.resolve("credentials"), "").toString());
		environment.put("AWS_EC2_METADATA_DISABLED", "true");
		environment.put("AWS_PAGER", "");
		environment.put("NO_PROXY", "127.0.0.1");
		environment.put("no_proxy", "127.0.0.1");
		return builder;
	}

	private static CliRun run(ProcessBuilder builder) throws Exception {
		Process process = builder.start();
		process.getOutputStream().close();
		List<String> out = new ArrayList<>();
		Thread stdout = new Thread(
				() -> out.add(new String(readAll(process.getInputStream()), StandardCharsets.UTF_8)));
		stdout.start();
		String stderr = new String(readAll(process.getErrorStream()), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		stdout.join();
		return new CliRun(process.exitValue(), out.get(0), stderr);
	}

	private static byte[] readAll(java.io.InputStream stream) {
		try {
			return stream.readAllBytes();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	record CliRun(int exitCode, String stdout, String stderr) {

	}

}
