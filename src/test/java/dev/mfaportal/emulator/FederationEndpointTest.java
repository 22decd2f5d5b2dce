package dev.mfaportal.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console federation endpoint, driven as a portal and a browser would: a sign-in
 * token for role credentials, then the login redirect. Role credentials come from the
 * real SDK client.
 */
class FederationEndpointTest {

	private static final String DESTINATION = "https://console.aws.amazon.com/console/home?region=eu-west-1";

	private static final String ISSUER = "https://mfa-portal.example.com/";

	private static final Pattern SIGNIN_TOKEN = Pattern.compile("\\{\"SigninToken\":\"([A-Za-z0-9_-]{200,})\"\\}");

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo());

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void loginWhenSigninTokenFromRoleCredentialsThenRedirectedToDestinationAndRecorded() throws Exception {
		HttpResponse<String> tokenResponse = getSigninToken(session(assumeRole()), "3600");
		assertThat(tokenResponse.statusCode()).isEqualTo(200);
		assertThat(tokenResponse.headers().firstValue("Content-Type")).hasValue("application/json");
		String token = signinToken(tokenResponse);
		HttpResponse<String> login = login(token, DESTINATION);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValue(DESTINATION);
		assertThat(this.emulator.server.consoleSignIns()).singleElement().satisfies((signIn) -> {
			assertThat(signIn.roleArn()).isEqualTo(EmulatedRole.DEMO_ROLE_ARN);
			assertThat(signIn.assumedRoleArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/demo-admin/console");
			assertThat(signIn.sessionDuration()).isEqualTo(Duration.ofHours(1));
			assertThat(signIn.issuer()).isEqualTo(ISSUER);
			assertThat(signIn.destination()).isEqualTo(DESTINATION);
			assertThat(signIn.signedInAt()).isEqualTo(this.emulator.clock.instant());
		});
		assertThat(this.emulator.server.recordedRequests()).extracting(RecordedRequest::action)
			.containsExactly("AssumeRole");
	}

	@Test
	void getSigninTokenWhenSessionTokenCredentialsThenBadRequestWithAwsText() throws Exception {
		Credentials session = this.emulator.sts.getSessionToken().credentials();
		HttpResponse<String> response = getSigninToken(session(session), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("Only federation tokens or assume role tokens may be used for federated login");
	}

	@Test
	void loginWhenTokenUsedTwiceThenSecondBadRequest() throws Exception {
		String token = signinToken(getSigninToken(session(assumeRole()), null));
		assertThat(login(token, DESTINATION).statusCode()).isEqualTo(302);
		HttpResponse<String> again = login(token, DESTINATION);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.headers().firstValue("Location")).isEmpty();
		assertThat(this.emulator.server.consoleSignIns()).hasSize(1);
	}

	@Test
	void loginWhenTokenUnknownThenBadRequest() throws Exception {
		assertThat(login("not-a-token", DESTINATION).statusCode()).isEqualTo(400);
		assertThat(this.emulator.server.consoleSignIns()).isEmpty();
	}

	@Test
	void loginWhenTokenOlderThanFifteenMinutesThenBadRequest() throws Exception {
		String session = session(assumeRole());
		String fresh = signinToken(getSigninToken(session, null));
		String stale = signinToken(getSigninToken(session, null));
		this.emulator.clock.advance(Duration.ofMinutes(15).minusMillis(1));
		assertThat(login(fresh, DESTINATION).statusCode()).isEqualTo(302);
		this.emulator.clock.advance(Duration.ofMillis(1));
		assertThat(login(stale, DESTINATION).statusCode()).isEqualTo(400);
	}

	@Test
	void loginWhenDestinationNotAWebAddressThenBadRequestAndTokenStillGood() throws Exception {
		String token = signinToken(getSigninToken(session(assumeRole()), null));
		assertThat(login(token, "javascript:alert(1)").statusCode()).isEqualTo(400);
		assertThat(login(token, DESTINATION).statusCode()).isEqualTo(302);
	}

	@Test
	void getSigninTokenWhenSessionNotJsonThenBadRequest() throws Exception {
		HttpResponse<String> response = getSigninToken("{\"sessionId\":", null);
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void getSigninTokenWhenKeyUnknownOrSecretWrongThenBadRequest() throws Exception {
		Credentials role = assumeRole();
		assertThat(getSigninToken(session("ASIAUNKNOWNUNKNOWN00", role.secretAccessKey(), role.sessionToken()), null)
			.statusCode()).isEqualTo(400);
		assertThat(getSigninToken(session(role.accessKeyId(), "x" + role.secretAccessKey(), role.sessionToken()), null)
			.statusCode()).isEqualTo(400);
		assertThat(
				getSigninToken(session(EmulatedUser.DEMO_ACCESS_KEY_ID, EmulatedUser.DEMO_SECRET_ACCESS_KEY, ""), null)
					.statusCode())
			.isEqualTo(400);
	}

	@Test
	void getSigninTokenWhenRoleCredentialsExpiredThenBadRequest() throws Exception {
		Credentials role = this.emulator.sts
			.assumeRole((request) -> request.roleArn(EmulatedRole.DEMO_ROLE_ARN)
				.roleSessionName("console")
				.durationSeconds(900))
			.credentials();
		this.emulator.clock.advance(Duration.ofSeconds(900));
		assertThat(getSigninToken(session(role), null).statusCode()).isEqualTo(400);
	}

	@Test
	void getSigninTokenWhenSessionDurationOutOfRangeThenBadRequest() throws Exception {
		String session = session(assumeRole());
		assertThat(getSigninToken(session, "899").statusCode()).isEqualTo(400);
		assertThat(getSigninToken(session, "43201").statusCode()).isEqualTo(400);
		assertThat(getSigninToken(session, "43200").statusCode()).isEqualTo(200);
	}

	@Test
	void getSigninTokenWhenChainedRoleAsksForSessionDurationThenBadRequest() throws Exception {
		try (StsClient role = SdkClients.session(this.emulator.server.endpoint(), assumeRole())) {
			Credentials chained = role
				.assumeRole((request) -> request.roleArn(EmulatedRole.DEMO_ROLE_ARN).roleSessionName("chained"))
				.credentials();
			assertThat(getSigninToken(session(chained), "3600").statusCode()).isEqualTo(400);
			assertThat(getSigninToken(session(chained), null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void federationWhenStsForcedToFailThenStillAnswers() throws Exception {
		String session = session(assumeRole());
		this.emulator.server.setForcedFailure(ForcedFailure.internalFailure());
		assertThat(getSigninToken(session, null).statusCode()).isEqualTo(200);
	}

	private Credentials assumeRole() {
		return this.emulator.sts
			.assumeRole((request) -> request.roleArn(EmulatedRole.DEMO_ROLE_ARN).roleSessionName("console"))
			.credentials();
	}

	private HttpResponse<String> getSigninToken(String session, String sessionDuration) throws Exception {
		String query = "Action=getSigninToken"
				+ ((sessionDuration != null) ? "&SessionDuration=" + sessionDuration : "") + "&Session="
				+ encode(session);
		return get(query);
	}

	private HttpResponse<String> login(String token, String destination) throws Exception {
		return get("Action=login&Issuer=" + encode(ISSUER) + "&Destination=" + encode(destination) + "&SigninToken="
				+ encode(token));
	}

	private HttpResponse<String> get(String query) throws Exception {
		URI uri = URI.create(this.emulator.server.federationEndpoint() + "?" + query);
		return this.http.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString());
	}

	private static String signinToken(HttpResponse<String> response) {
		Matcher matcher = SIGNIN_TOKEN.matcher(response.body());
		assertThat(matcher.matches()).as(response.body()).isTrue();
		return matcher.group(1);
	}

	private static String session(Credentials credentials) {
		return session(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
	}

	/** The JSON document AWS's federation guide builds; the values need no escaping. */
	private static String session(String accessKeyId, String secretAccessKey, String sessionToken) {
		return "{\"sessionId\":\"" + accessKeyId + "\",\"sessionKey\":\"" + secretAccessKey + "\",\"sessionToken\":\""
				+ sessionToken + "\"}";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
