package dev.mfaportal.terminal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The portal with its emulator as the terminal tests use it: users {@code ana}…, each
 * with a role profile {@code admin-NAME} for a role whose trust requires MFA, the browser
 * launched, no session held at the start of a test, and the requests programs and the SDK
 * make. One Spring context for every terminal test class.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.mfaportal=DEBUG", "logging.level.org.springframework.web=DEBUG",
				"logging.level.software.amazon.awssdk.request=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@Import(ServedPortal.Accounts.class)
@PortalWithEmulator(accounts = false)
abstract class ServedPortal {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final EmulatedRole ADMIN = new EmulatedRole("arn:aws:iam::123456789012:role/terminal-admin", 43_200)
		.requiringMfa();

	static final List<EmulatedUser> USERS = Stream
		.of("ana", "ben", "cai", "dee", "eva", "fay", "gus", "hal", "ivy", "jon", "kim", "lou", "max", "ida", "h22set")
		.map(EmulatedAccounts::user)
		.toList();

	/**
	 * Lives as long as the Spring context that every terminal test class shares: closed
	 * when the test run ends rather than after one class.
	 */
	static final TestEmulator emulator = TestEmulator
		.start(EmulatorSettings.of(USERS.toArray(EmulatedUser[]::new)).withRoles(List.of(ADMIN)), Clock.systemUTC());

	private static final Set<String> SENT_CODES = ConcurrentHashMap.newKeySet();

	@LocalServerPort
	int port;

	@Autowired
	TerminalToken terminalToken;

	@Autowired
	HeldSession held;

	@Autowired
	JdbcClient jdbc;

	PortalClient browser;

	@BeforeEach
	void launch(PortalClient launched) {
		this.held.stop();
		this.browser = launched;
	}

	/** A program's request: no cookie, no browser headers. */
	HttpResponse<String> program(String path, String authorization) throws Exception {
		return program(path, authorization, Map.of());
	}

	HttpResponse<String> program(String path, String authorization, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		headers.forEach(request::header);
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String token() throws Exception {
		return Files.readString(this.terminalToken.file()).strip();
	}

	/**
	 * The SDK's default chain as a program with the page's environment lines would run
	 * it: the SDK reads {@code aws.containerCredentialsFullUri} and
	 * {@code aws.containerAuthorizationToken} before the environment variables of the
	 * same name, through the same provider, so the test JVM needs no child process; empty
	 * profile files keep the machine's own AWS setup out.
	 */
	AwsCredentials sdkDefaultChain(String path) throws Exception {
		return withSdkSettings(path, () -> {
			try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
				return chain.resolveCredentials();
			}
		});
	}

	/** The SDK's container provider alone, set up as {@link #sdkDefaultChain} is. */
	AwsCredentials sdkContainerProvider(String path) throws Exception {
		return withSdkSettings(path, () -> {
			try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
				return provider.resolveCredentials();
			}
		});
	}

	private AwsCredentials withSdkSettings(String path, Callable<AwsCredentials> resolve) throws Exception {
		Path empty = Files.createTempFile("no-aws-profiles", ".ini");
		Map<String, String> properties = Map.of("aws.containerCredentialsFullUri",
				"http://127.0.0.1:" + this.port + path, "aws.containerAuthorizationToken", token(),
				"aws.sharedCredentialsFile", empty.toString(), "aws.configFile", empty.toString());
		properties.forEach(System::setProperty);
		try {
			return resolve.call();
		}
		finally {
			properties.keySet().forEach(System::clearProperty);
			Files.deleteIfExists(empty);
		}
	}

	static String callerArn(AwsCredentials credentials) {
		try (StsClient sts = StsClient.builder()
			.endpointOverride(emulator.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build()) {
			return sts.getCallerIdentity().arn();
		}
	}

	static String causes(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	/** Issues a session for the user on the form, ticking serve or not. */
	Document issue(EmulatedUser user, boolean serve) throws Exception {
		Map<String, String> form = new java.util.HashMap<>(
				Map.of("source", user.userName(), "serialNumber", user.device().serialNumber(), "tokenCode",
						freshCode(user), "durationSeconds", "3600", "profileName", "mfa"));
		if (serve) {
			form.put("serve", "true");
		}
		HttpResponse<String> result = this.browser.post("/session-token", form, true);
		assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
		return Jsoup.parse(result.body());
	}

	static EmulatedUser user(String name) {
		return USERS.stream().filter((user) -> user.userName().equals(name)).findFirst().orElseThrow();
	}

	/** A code STS accepts now that no earlier test sent. */
	static String freshCode(EmulatedUser user) {
		for (int steps : new int[] { 0, 1, -1 }) {
			String code = Totp.currentCode(user.device().base32Secret(),
					Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30L * steps)));
			if (SENT_CODES.add(user.userName() + code)) {
				return code;
			}
		}
		throw new IllegalStateException("every code STS would accept now was sent already");
	}

	/**
	 * The emulated users, each with a role profile {@code admin-NAME} on its keys for the
	 * role that requires MFA.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Accounts {

		@Bean
		@Primary
		CredentialSources accounts() {
			EmulatedAccounts accounts = new EmulatedAccounts(USERS);
			return new CredentialSources() {

				@Override
				public List<CredentialSource> list() {
					return accounts.list();
				}

				@Override
				public StsCaller caller(CredentialSource source) {
					return accounts.caller(source);
				}

				@Override
				public List<SearchedPlace> searched() {
					return accounts.searched();
				}

				@Override
				public List<RoleProfile> roleProfiles() {
					return USERS.stream()
						.map((user) -> new RoleProfile("admin-" + user.userName(), ADMIN.arn(), user.userName(), null,
								null, "terminal", null))
						.toList();
				}

			};
		}

	}

}
