package dev.mfaportal.interop;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mfaportal.security.LaunchToken;
import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.StsEmulatorServer;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The AWS CLI, the client people really run, against the portal in demo mode: it reads
 * the credentials file and the bash and fish snippets the portal issues, and it gets
 * session keys from the demo STS emulator itself. The CLI is {@code PORTAL_AWS_CLI} if
 * set (CI: Debian's AWS CLI v2), else the first {@code aws} on the PATH; a test skips
 * when the CLI or its shell is missing.
 * <p>
 * One instance for the class, so the credentials are issued once and each 30 s TOTP step
 * is typed once: the emulator refuses a code it has seen, as STS does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(Lifecycle.PER_CLASS)
class AwsCliInteropTest {

	private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

	private static final String REGION = "us-east-1";

	private static final String PROFILE = "mfa";

	private static final long TOTP_STEP_SECONDS = 30;

	private static final Pattern SECRET_JSON_VALUE = Pattern
		.compile("(\"(?:SecretAccessKey|SessionToken)\"\\s*:\\s*\")[^\"]*(\")");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(HTTP_TIMEOUT)
		.build();

	/** Where the portal saves profiles in this class: never the build user's ~/.aws. */
	private static final Path SAVED_PROFILES = temporaryFolder();

	@DynamicPropertySource
	static void savedProfiles(DynamicPropertyRegistry registry) {
		registry.add("portal.profile.credentials-file", () -> SAVED_PROFILES.resolve("credentials").toString());
	}

	private static Path temporaryFolder() {
		try {
			Path folder = Files.createTempDirectory("portal-interop-aws");
			folder.toFile().deleteOnExit();
			return folder;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@LocalServerPort
	private int port;

	@Autowired
	private LaunchToken launchToken;

	@Autowired
	private StsEmulatorServer demoEmulator;

	private String awsCliVersion;

	private Issued issued;

	private long lastTypedStep = Long.MIN_VALUE;

	@Test
	void credentialsFileWhenReadByTheAwsCliThenStsSeesTheDemoUserWithTheIssuedKey(@TempDir Path dir) throws Exception {
		Path cli = awsCli(dir);
		Issued issued = issued();
		Path credentials = Files.writeString(dir.resolve("credentials"), issued.credentialsFile());
		assertCallerIsTheDemoUser(dir, issued, Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
				List.of(cli.toString()), "--profile", PROFILE);
	}

	@Test
	void savedProfileWhenReadByTheAwsCliThenStsSeesTheIssuedKeyAndTheOtherSectionsStayByteForByte(@TempDir Path dir)
			throws Exception {
		Path cli = awsCli(dir);
		Path credentials = SAVED_PROFILES.resolve("credentials");
		String others = "# written by hand\r\n[default]\r\naws_access_key_id = AKIAHANDWRITTEN00001\r\n"
				+ "aws_secret_access_key = hand/written\r\n\r\n; ops team\r\n[ops]\r\nregion=eu-west-1\r\n";
		Files.writeString(credentials, others, StandardCharsets.ISO_8859_1);

		Issued issued = issueThroughThePortal(Map.of("saveProfile", "true"));

		String written = Files.readString(credentials, StandardCharsets.ISO_8859_1);
		assertThat(written).startsWith(others);
		assertThat(written.substring(others.length()))
			.isEqualTo("\r\n" + issued.credentialsFile().replace("\n", "\r\n"));
		assertCallerIsTheDemoUser(dir, issued, Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
				List.of(cli.toString()), "--profile", PROFILE);

		ProcessBuilder untouched = isolated(dir,
				List.of(cli.toString(), "configure", "get", "aws_access_key_id", "--profile", "default"));
		untouched.environment().put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
		CliRun read = run(untouched, dir);
		assertThat(read.stdout().strip()).as(read::describe).isEqualTo("AKIAHANDWRITTEN00001");
	}

	@Test
	void envSnippetWhenSourcedInBashThenTheAwsCliCallsAsTheDemoUserWithTheIssuedKey(@TempDir Path dir)
			throws Exception {
		// the CLI comes in as "$@" so that PORTAL_AWS_CLI, not the PATH, decides which
		// one runs
		assertSourcedSnippetCallsAsTheDemoUser(dir, "aws-mfa.sh", Issued::env, "bash", "-c",
				". \"$1\" && shift && exec \"$@\"", "bash");
	}

	@Test
	void fishSnippetWhenSourcedInFishThenTheAwsCliCallsAsTheDemoUserWithTheIssuedKey(@TempDir Path dir)
			throws Exception {
		assertSourcedSnippetCallsAsTheDemoUser(dir, "aws-mfa.fish", Issued::fish, "fish", "--no-config", "-c",
				"source $argv[1]; and exec $argv[2..-1]");
	}

	@Test
	void getSessionTokenWhenTheAwsCliSendsACodeThenStsIssuesSessionKeysOnceAndRefusesTheCodeAgain(@TempDir Path dir)
			throws Exception {
		Path cli = awsCli(dir);
		EmulatedUser demo = EmulatedUser.demo();
		List<String> command = new ArrayList<>(List.of(cli.toString(), "sts", "get-session-token", "--serial-number",
				EmulatedMfaDevice.DEMO_SERIAL_NUMBER, "--token-code", unusedCode(), "--duration-seconds", "900"));
		command.addAll(endpointArguments());
		ProcessBuilder builder = isolated(dir, command);
		builder.environment().put("AWS_ACCESS_KEY_ID", demo.accessKeyId());
		builder.environment().put("AWS_SECRET_ACCESS_KEY", demo.secretAccessKey());

		CliRun first = run(builder, dir);
		assertThat(first.exitCode()).as(first::describe).isZero();
		assertThat(json(first).path("Credentials").path("AccessKeyId").asString()).as(first::describe)
			.startsWith("ASIA");

		CliRun again = run(builder, dir);
		assertThat(again.exitCode()).as(again::describe).isNotZero();
		assertThat(again.stderr()).as(again::describe).contains("AccessDenied");
	}

	/**
	 * Writes the issued snippet to a file that the shell sources (the shell's command,
	 * then the file and the CLI as arguments) before it runs the CLI.
	 */
	private void assertSourcedSnippetCallsAsTheDemoUser(Path dir, String file, Function<Issued, String> snippet,
			String shell, String... sourcing) throws Exception {
		Path cli = awsCli(dir);
		Tools.require(Tools.onPath(shell).isPresent(), shell + " is not installed (apt-get install " + shell + ")");
		Issued issued = issued();
		Path written = Files.writeString(dir.resolve(file), snippet.apply(issued));
		List<String> command = new ArrayList<>(List.of(shell));
		command.addAll(List.of(sourcing));
		command.addAll(List.of(written.toString(), cli.toString()));
		assertCallerIsTheDemoUser(dir, issued, Map.of(), command);
	}

	/**
	 * Runs {@code sts get-caller-identity} of the CLI that the command ends with (a shell
	 * may come first), with the environment added, the emulator's endpoint and the
	 * options, and checks that the call was the demo user's with the issued key.
	 */
	private void assertCallerIsTheDemoUser(Path dir, Issued issued, Map<String, String> environment, List<String> cli,
			String... options) throws Exception {
		List<String> command = new ArrayList<>(cli);
		command.addAll(List.of("sts", "get-caller-identity"));
		command.addAll(endpointArguments());
		command.addAll(List.of(options));
		ProcessBuilder builder = isolated(dir, command);
		builder.environment().putAll(environment);
		int before = sts().recordedRequests().size();
		assertCalledAsTheDemoUser(run(builder, dir), issued, before);
	}

	private void assertCalledAsTheDemoUser(CliRun run, Issued issued, int recordedBefore) {
		assertThat(run.exitCode()).as(run::describe).isZero();
		assertThat(json(run).path("Arn").asString()).as(run::describe).isEqualTo(EmulatedUser.demo().arn());
		// the ARN is the same for the long-term keys: only the emulator can tell the
		// issued key was used
		List<RecordedRequest> recorded = sts().recordedRequests();
		assertThat(recorded.subList(recordedBefore, recorded.size())).as("requests the emulator answered")
			.singleElement()
			.satisfies((request) -> {
				assertThat(request.action()).isEqualTo("GetCallerIdentity");
				assertThat(request.accessKeyId()).isEqualTo(issued.accessKeyId());
				assertThat(request.sessionCredentials()).isTrue();
				assertThat(request.succeeded()).isTrue();
			});
	}

	private List<String> endpointArguments() {
		return List.of("--endpoint-url", sts().endpoint().toString(), "--region", REGION, "--output", "json");
	}

	/** Issues through the portal once for the whole class, the way a browser does. */
	private Issued issued() throws IOException, InterruptedException {
		if (this.issued == null) {
			this.issued = issueThroughThePortal();
		}
		return this.issued;
	}

	private Issued issueThroughThePortal() throws IOException, InterruptedException {
		return issueThroughThePortal(Map.of());
	}

	private Issued issueThroughThePortal(Map<String, String> extraFields) throws IOException, InterruptedException {
		String token = URLEncoder.encode(this.launchToken.issue(), StandardCharsets.UTF_8);
		HttpResponse<String> launch = send(request("/launch?token=" + token).GET());
		assertThat(launch.statusCode()).as("GET /launch").isEqualTo(302);

		HttpResponse<String> form = send(request("/").GET());
		assertThat(form.statusCode()).as(() -> "GET / answered:\n" + text(form.body())).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", inputValue(form.body(), "_csrf"));
		fields.put("source", submittedOption(form.body(), "source"));
		fields.put("serialNumber", EmulatedMfaDevice.DEMO_SERIAL_NUMBER);
		fields.put("tokenCode", unusedCode());
		fields.put("durationSeconds", "900");
		fields.put("profileName", PROFILE);
		fields.putAll(extraFields);

		HttpResponse<String> result = send(
				request("/session-token").header("Content-Type", "application/x-www-form-urlencoded")
					.POST(BodyPublishers.ofString(formBody(fields))));
		// only a 200 carries credentials: any other page is safe to show
		assertThat(result.statusCode()).as(() -> "POST /session-token answered:\n" + text(result.body()))
			.isEqualTo(200);
		return new Issued(element(result.body(), "code", "data-credential", "accessKeyId"),
				element(result.body(), "pre", "data-snippet", "credentials-file"),
				element(result.body(), "pre", "data-snippet", "env"),
				element(result.body(), "pre", "data-snippet", "fish"));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(HTTP_TIMEOUT);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * A code the emulator has not seen. It accepts the previous, current and next step,
	 * each once, so a second code in the same step is the next step's, as the device will
	 * show it shortly.
	 */
	private String unusedCode() throws InterruptedException {
		long step = Math.max(currentStep(), this.lastTypedStep + 1);
		while (step > currentStep() + 1) {
			// only a third code within one step gets here
			Thread.sleep(1000);
		}
		this.lastTypedStep = step;
		return Totp.currentCode(EmulatedMfaDevice.demo().base32Secret(),
				Clock.fixed(Instant.ofEpochSecond(step * TOTP_STEP_SECONDS), ZoneOffset.UTC));
	}

	private static long currentStep() {
		return Math.floorDiv(Instant.now().getEpochSecond(), TOTP_STEP_SECONDS);
	}

	/**
	 * Skips the calling test unless an AWS CLI is there and answers {@code --version}.
	 */
	private Path awsCli(Path dir) throws IOException, InterruptedException {
		String configured = System.getenv("PORTAL_AWS_CLI");
		boolean fromEnvironment = configured != null && !configured.isBlank();
		Path cli = fromEnvironment ? Path.of(configured) : Tools.onPath("aws").orElse(null);
		Tools.require(cli != null, "AWS CLI not found: PORTAL_AWS_CLI is not set and there is no aws on the PATH "
				+ "(apt-get install awscli)");
		Tools.require(Files.isRegularFile(cli) && Files.isExecutable(cli),
				"AWS CLI " + cli + (fromEnvironment ? " (PORTAL_AWS_CLI)" : "") + " is not an executable file");
		if (this.awsCliVersion == null) {
			CliRun version = run(isolated(dir, List.of(cli.toString(), "--version")), dir);
			Tools.require(version.exitCode() == 0, "AWS CLI " + cli + " does not work: " + version.describe());
			this.awsCliVersion = (version.stdout() + version.stderr()).strip();
		}
		return cli;
	}

	/**
	 * The child's whole AWS setup is what the test gives it: no {@code AWS_*} from the
	 * build's environment, no {@code ~/.aws}, no instance metadata, no proxy between it
	 * and 127.0.0.1.
	 */
	private static ProcessBuilder isolated(Path dir, List<String> command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.toUpperCase(Locale.ROOT).startsWith("AWS_"));
		environment.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
		environment.put("AWS_CONFIG_FILE", Files.write(dir.resolve("config"), new byte[0]).toString());
		environment.put("AWS_SHARED_CREDENTIALS_FILE",
				Files.write(dir.resolve("no-credentials"), new byte[0]).toString());
		environment.put("AWS_EC2_METADATA_DISABLED", "true");
		// AWS CLI v2 would otherwise hand its output to less
		environment.put("AWS_PAGER", "");
		environment.put("NO_PROXY", "127.0.0.1");
		environment.put("no_proxy", "127.0.0.1");
		return builder;
	}

	private CliRun run(ProcessBuilder builder, Path dir) throws IOException, InterruptedException {
		Path stdout = Files.createTempFile(dir, "stdout-", ".txt");
		Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
		Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		process.getOutputStream().close();
		boolean finished = process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor();
		}
		CliRun run = new CliRun(builder.command(), this.awsCliVersion, finished ? process.exitValue() : -1,
				Files.readString(stdout), Files.readString(stderr));
		if (!finished) {
			fail("Did not finish within " + CHILD_TIMEOUT.toSeconds() + " s: " + run.describe());
		}
		return run;
	}

	private static JsonNode json(CliRun run) {
		try {
			return JSON.readTree(run.stdout());
		}
		catch (JacksonException ex) {
			return fail("The AWS CLI did not print JSON: " + run.describe(), ex);
		}
	}

	private static String formBody(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String inputValue(String html, String name) {
		Matcher inputs = Pattern.compile("<input\\b[^>]*>").matcher(html);
		while (inputs.find()) {
			if (name.equals(attribute(inputs.group(), "name"))) {
				return attribute(inputs.group(), "value");
			}
		}
		return fail("No <input name=\"" + name + "\"> in the page:\n" + text(html));
	}

	/**
	 * What a browser submits for a select nobody touched: the selected option, else the
	 * first.
	 */
	private static String submittedOption(String html, String selectName) {
		String select = "<select\\b[^>]*\\sname=\"" + Pattern.quote(selectName) + "\"[^>]*>(.*?)</select>";
		Matcher found = Pattern.compile(select, Pattern.DOTALL).matcher(html);
		List<String> options = found.find()
				? Pattern.compile("<option\\b[^>]*>").matcher(found.group(1)).results().map(MatchResult::group).toList()
				: List.of();
		return options.stream()
			.filter((option) -> Pattern.compile("\\sselected\\b").matcher(option).find())
			.findFirst()
			.or(() -> options.stream().findFirst())
			.map((option) -> attribute(option, "value"))
			.orElseGet(() -> fail("No <select name=\"" + selectName + "\"> with options in the page:\n" + text(html)));
	}

	/**
	 * The text content of the element with that attribute value; the page is not shown,
	 * it holds secrets.
	 */
	private static String element(String html, String tag, String attribute, String value) {
		Matcher elements = Pattern.compile("<" + tag + "\\b([^>]*)>(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
		while (elements.find()) {
			if (value.equals(attribute(elements.group(1), attribute))) {
				return HtmlUtils.htmlUnescape(elements.group(2));
			}
		}
		return fail("No <" + tag + " " + attribute + "=\"" + value + "\"> in the result page");
	}

	private static String attribute(String tag, String name) {
		Matcher attribute = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
		return attribute.find() ? HtmlUtils.htmlUnescape(attribute.group(1)) : null;
	}

	/** A page as readable text for an assertion message. */
	private static String text(String html) {
		return HtmlUtils.htmlUnescape(html.replaceAll("(?s)<(script|style)\\b.*?</\\1>", " ")
			.replaceAll("<[^>]+>", " ")
			.replaceAll("\\s+", " ")
			.strip());
	}

	/**
	 * What the portal issued; the snippets hold the secret, so {@code toString} leaves
	 * them out.
	 */
	private record Issued(String accessKeyId, String credentialsFile, String env, String fish) {

		@Override
		public String toString() {
			return "Issued[accessKeyId=" + this.accessKeyId + ", snippets=******]";
		}

	}

	/**
	 * One child process, finished; {@code describe} is for assertion messages and hides
	 * secrets.
	 */
	private record CliRun(List<String> command, String awsCliVersion, int exitCode, String stdout, String stderr) {

		String describe() {
			List<String> shown = new ArrayList<>(this.command);
			int code = shown.indexOf("--token-code");
			if (code >= 0 && code + 1 < shown.size()) {
				shown.set(code + 1, RecordedRequest.MASKED_TOKEN_CODE);
			}
			return "\n  command: " + String.join(" ", shown) + "\n  AWS CLI: "
					+ ((this.awsCliVersion != null) ? this.awsCliVersion : "(version not known yet)") + "\n  exit: "
					+ this.exitCode + "\n  stdout: " + redacted(this.stdout) + "\n  stderr: " + redacted(this.stderr);
		}

		private static String redacted(String output) {
			return SECRET_JSON_VALUE.matcher(output).replaceAll("$1******$2");
		}

	}

	/** The demo profile's emulator, with the controls tests use. */
	private TestEmulator sts() {
		return TestEmulator.of(this.demoEmulator);
	}

}
