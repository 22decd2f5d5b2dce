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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import dev.mfaportal.security.LaunchToken;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.terminal.HeldSession.Held;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
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
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Serving terminals through the whole portal: a session issued with "Keep this session
 * for my terminals" is held, the SDK for Java v2's default chain takes it (and a role
 * profile assumed from it without a code) from the endpoint, one STS call serves many
 * programs, "Stop serving" ends it with the portal's message, and nothing but the token
 * opens the endpoint. The AWS CLI's side is {@link TerminalCliInteropTest}.
 */
class TerminalIntegrationTest extends ServedPortal {

	@Test
	void credentialsWhenNoSessionHeldThen503WithAMessageThatNamesThePortal() throws Exception {
		HttpResponse<String> answer = program("/credentials", token());

		assertThat(answer.statusCode()).isEqualTo(503);
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.get("Code").asString()).isEqualTo("NoSessionHeld");
		assertThat(body.get("Message").asString())
			.isEqualTo("No MFA session is held for your terminals. Open the " + "portal at http://127.0.0.1:"
					+ this.port + "/, type an MFA code and tick \"Keep this session for my terminals\".");
	}

	@Test
	void serveWhenTickedThenResultAndFormSayHeldUntilWhenAndTheSdkDefaultChainGetsTheSession() throws Exception {
		Document result = issue(user("ana"), true);
		String issuedKey = result.selectFirst("[data-credential=accessKeyId]").text();
		String expiration = result.selectFirst("[data-result] time[datetime]").attr("datetime");

		assertThat(result.selectFirst("[data-served-session]").attr("data-held-until")).isEqualTo(expiration);
		assertThat(
				Jsoup.parse(this.browser.get("/").body()).selectFirst("[data-served-session]").attr("data-held-until"))
			.isEqualTo(expiration);
		AwsCredentials credentials = sdkDefaultChain("/credentials");
		assertThat(credentials.accessKeyId()).isEqualTo(issuedKey);
		assertThat(callerArn(credentials)).isEqualTo("arn:aws:iam::123456789012:user/ana");

		JsonNode process = JSON.readTree(program("/credentials?format=process", token()).body());
		assertThat(process.get("Version").asInt()).isEqualTo(1);
		assertThat(process.get("AccessKeyId").asString()).isEqualTo(issuedKey);
		assertThat(process.get("SessionToken").asString())
			.isEqualTo(((AwsSessionCredentials) credentials).sessionToken());
		assertThat(process.get("Expiration").asString()).isEqualTo(expiration);
	}

	@Test
	void serveWhenNotTickedThenNothingHeld() throws Exception {
		Document result = issue(user("ben"), false);

		assertThat(result.selectFirst("[data-served-session]")).isNull();
		assertThat(program("/credentials", token()).statusCode()).isEqualTo(503);
	}

	@Test
	void roleProfileWhenAskedByManyProgramsAtOnceThenOneAssumeRoleWithoutCodeAndOneHistoryEntry() throws Exception {
		issue(user("cai"), true);
		emulator.clearRecordedRequests();
		int programs = 16;
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < programs; i++) {
			calls.add(() -> program("/credentials/admin-cai", token()));
		}
		Set<String> keys = ConcurrentHashMap.newKeySet();
		for (HttpResponse<String> response : AtOnce.run(calls)) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			keys.add(JSON.readTree(response.body()).get("AccessKeyId").asString());
		}
		assertThat(keys).hasSize(1);
		List<RecordedRequest> assumed = emulator.recordedRequests()
			.stream()
			.filter((request) -> request.action().equals("AssumeRole"))
			.toList();
		assertThat(assumed).singleElement().satisfies((request) -> {
			assertThat(request.parameters()).doesNotContainKeys("TokenCode", "SerialNumber");
			assertThat(request.sessionCredentials()).isTrue();
		});
		assertThat(
				this.jdbc.sql("select outcome from audit_event where source = 'admin-cai'").query(String.class).list())
			.containsExactly("SERVED_ROLE");
		assertThat(callerArn(sdkDefaultChain("/credentials/admin-cai")))
			.isEqualTo("arn:aws:sts::123456789012:assumed-role/terminal-admin/terminal");
	}

	@Test
	void roleProfileWhenItsSourceIsNotTheHeldSessionsThen409SayingSo() throws Exception {
		issue(user("dee"), true);

		HttpResponse<String> answer = program("/credentials/admin-eva", token());

		assertThat(answer.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(answer.body()).get("Message").asString())
			.isEqualTo("The role profile admin-eva takes its keys from eva, but the held session comes from dee. "
					+ "Get a session with the keys of eva in the portal, then try again.");
	}

	@Test
	void stopServingWhenPressedThenTheSdkFailsWithThePortalsMessage() throws Exception {
		Document result = issue(user("fay"), true);
		assertThat(program("/credentials/admin-fay", token()).statusCode()).isEqualTo(200);

		HttpResponse<String> stopped = this.browser.post("/terminal/stop",
				Map.of("_csrf", result.selectFirst("[data-stop-serving-form] input[name=_csrf]").attr("value")), false);

		assertThat(stopped.statusCode()).isEqualTo(302);
		assertThat(Jsoup.parse(this.browser.get("/").body()).selectFirst("[data-served-session]")).isNull();
		for (String path : List.of("/credentials", "/credentials/admin-fay")) {
			// the default chain reports only that its container provider failed; the
			// provider itself carries the portal's message
			assertThat(causes(catchThrowable(() -> sdkDefaultChain(path)))).as(path)
				.contains("ContainerCredentialsProvider(): Failed to load credentials");
			assertThat(causes(catchThrowable(() -> sdkContainerProvider(path)))).as(path)
				.contains("Open the portal at http://127.0.0.1:" + this.port + "/");
		}
	}

	/**
	 * STS answers the role while the person presses Stop: the program that waited gets
	 * the portal's "not serving" answer, not a role of the stopped session, and the
	 * stopped session keeps no role in memory.
	 */
	@Test
	void stopServingWhenPressedDuringASlowAssumeRoleThenTheWaitingProgramGetsNoRoleAndNothingIsKept() throws Exception {
		issue(user("gus"), true);
		Held stopped = this.held.current().orElseThrow();
		emulator.clearRecordedRequests();
		emulator.setResponseDelay(Duration.ofSeconds(2));
		ExecutorService program = Executors.newSingleThreadExecutor();
		try {
			Future<HttpResponse<String>> waiting = program.submit(() -> program("/credentials/admin-gus", token()));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (emulator.recordedRequests().stream().noneMatch((call) -> call.action().equals("AssumeRole"))
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(waiting.isDone()).as("AssumeRole in flight").isFalse();

			this.held.stop();

			HttpResponse<String> answer = waiting.get(30, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
			assertThat(JSON.readTree(answer.body()).get("Code").asString()).isEqualTo("NoSessionHeld");
			assertThat(answer.body()).doesNotContain("AccessKeyId");
		}
		finally {
			emulator.setResponseDelay(Duration.ZERO);
			program.shutdownNow();
		}
		assertThat(stopped.roles().size()).as("roles kept by the stopped session").isZero();
		assertThat(
				this.jdbc.sql("select outcome from audit_event where source = 'admin-gus'").query(String.class).list())
			.as("nothing served")
			.isEmpty();
	}

	@Test
	void credentialsWhenNoOrWrongTokenOrOnlyTheBrowsersCookieThen401() throws Exception {
		issue(user("gus"), true);

		assertThat(program("/credentials", null).statusCode()).isEqualTo(401);
		assertThat(program("/credentials", token() + "x").statusCode()).isEqualTo(401);
		assertThat(program("/credentials/admin-gus", "").statusCode()).isEqualTo(401);
		HttpResponse<String> withCookie = this.browser.get("/credentials");
		assertThat(withCookie.statusCode()).isEqualTo(401);
		assertThat(withCookie.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(JSON.readTree(withCookie.body()).get("Message").asString())
			.contains(this.terminalToken.file().toString());
	}

	@Test
	void credentialsWhenPostedWithTheTokenButNoCsrfTokenThen403AndNoCredentials() throws Exception {
		issue(user("ida"), true);

		HttpResponse<String> posted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/credentials"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.header("Authorization", token())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(posted.statusCode()).isEqualTo(403);
		assertThat(posted.body()).doesNotContain("SecretAccessKey");
	}

	@Test
	void crossSiteFetchWhenEvenWithTheTokenThenRefusedAndNoCorsGrant() throws Exception {
		issue(user("hal"), true);

		HttpResponse<String> fetch = program("/credentials", token(),
				Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"));
		HttpResponse<String> preflight = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/credentials"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "GET")
				.header("Access-Control-Request-Headers", "authorization")
				.build(), HttpResponse.BodyHandlers.ofString());

		for (HttpResponse<String> response : List.of(fetch, preflight)) {
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().map().keySet())
				.noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
			assertThat(response.body()).doesNotContain("AccessKeyId");
		}
	}

	@Test
	void credentialsWhenForeignHostThenRefusedBeforeTheToken() throws Exception {
		issue(user("ivy"), true);

		assertThat(this.browser.rawStatusLine("GET", "/credentials", "rebound.example:" + this.port)).contains(" 400 ");
	}

	@Test
	void holdServeRenewStopWhenDoneThenNoCredentialInLogTablesTokenFolderOrUrls(CapturedOutput output)
			throws Exception {
		List<String> secrets = new ArrayList<>();
		List<String> urls = new ArrayList<>();
		List<String> roleKeys = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			Document result = issue(user("jon"), true);
			secrets.add(result.selectFirst("[data-credential=secretAccessKey]").text());
			secrets.add(result.selectFirst("[data-credential=sessionToken]").text());
			result.select("[href], [action], [src]")
				.forEach((element) -> urls.add(element.attr("href") + element.attr("action") + element.attr("src")));
			JsonNode role = JSON.readTree(program("/credentials/admin-jon", token()).body());
			roleKeys.add(role.get("AccessKeyId").asString());
			secrets.add(role.get("SecretAccessKey").asString());
			secrets.add(role.get("Token").asString());
		}
		this.browser.post("/terminal/stop", Map.of(), true);
		assertThat(roleKeys).as("the renewal's role, not the first session's").doesNotHaveDuplicates().hasSize(2);
		assertThat(secrets).doesNotContainNull().doesNotHaveDuplicates().hasSize(8);

		StringBuilder tables = new StringBuilder();
		for (String table : this.jdbc
			.sql("select table_name from information_schema.tables where table_schema = 'PUBLIC'")
			.query(String.class)
			.list()) {
			this.jdbc.sql("select * from \"" + table + "\"").query((row) -> {
				for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
					tables.append(row.getObject(column)).append('\n');
				}
			});
		}
		StringBuilder files = new StringBuilder();
		try (Stream<Path> folder = Files.walk(this.terminalToken.file().getParent())) {
			for (Path file : folder.filter(Files::isRegularFile).toList()) {
				files.append(Files.readString(file, StandardCharsets.ISO_8859_1));
			}
		}
		for (String secret : secrets) {
			assertThat(output.getAll()).as("the log").doesNotContain(secret);
			assertThat(tables).as("the tables").doesNotContain(secret);
			assertThat(files).as("the token's folder").doesNotContain(secret);
			assertThat(String.join("\n", urls)).as("the URLs").doesNotContain(secret);
		}
	}

}
