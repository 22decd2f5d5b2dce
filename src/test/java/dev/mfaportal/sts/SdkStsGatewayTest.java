package dev.mfaportal.sts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.ForcedFailure;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.emulator.Totp;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import static dev.mfaportal.emulator.EmulatedMfaDevice.DEMO_SERIAL_NUMBER;
import static dev.mfaportal.emulator.EmulatedUser.DEMO_ACCESS_KEY_ID;
import static dev.mfaportal.emulator.EmulatedUser.DEMO_SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The real gateway, over HTTP, against the STS emulator: every failure a person can meet
 * ends as the {@link StsFailure} the page explains, and a call that may have reached STS
 * is sent once.
 */
class SdkStsGatewayTest {

	private static final String REGION = "us-east-1";

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Ten minutes behind real time and standing still unless a test moves it: codes stay
	 * the same throughout a test, throttling counts in one second, and the expiry test
	 * can move 15 minutes on while staying within the 15 minutes of skew the emulator
	 * allows (the SDK signs with the real clock).
	 */
	private final MutableClock clock = MutableClock.behindRealTimeBy(Duration.ofMinutes(10));

	private TestEmulator server;

	private SdkStsGateway gateway;

	@BeforeEach
	void start() {
		this.server = TestEmulator.start(EmulatorSettings.demo(), this.clock);
		StsSettings settings = new StsSettings(null, REGION, null, Duration.ofSeconds(2), CALL_TIMEOUT);
		this.gateway = new SdkStsGateway(settings, StsHttpClient.create(settings), new SimpleMeterRegistry());
	}

	@AfterEach
	void stop() {
		this.gateway.destroy();
		this.server.close();
	}

	@Test
	void getSessionTokenWhenCurrentCodeThenSessionKeysUntilNowPlusDurationFromOneRequest() {
		TemporaryCredentials credentials = this.gateway.getSessionToken(demoCaller(), request(currentCode(), 3600));
		assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
		assertThat(credentials.secretAccessKey()).hasSize(40);
		assertThat(credentials.sessionToken()).isNotBlank();
		assertThat(credentials.expiration())
			.isEqualTo(this.clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS));
		assertThat(recorded()).singleElement().satisfies((recorded) -> {
			assertThat(recorded.action()).isEqualTo("GetSessionToken");
			assertThat(recorded.parameters()).containsEntry("SerialNumber", DEMO_SERIAL_NUMBER)
				.containsEntry("DurationSeconds", "3600");
			assertThat(recorded.accessKeyId()).isEqualTo(DEMO_ACCESS_KEY_ID);
			assertThat(recorded.region()).isEqualTo(REGION);
			assertThat(recorded.succeeded()).isTrue();
		});
	}

	@Test
	void getSessionTokenWhenWrongCodeThenInvalidCode() {
		StsCallException failure = failedCall(demoCaller(), request(wrongCode(), 3600));
		assertFromSts(failure, StsFailure.INVALID_CODE, "AccessDenied", "invalid MFA one time pass code");
	}

	@Test
	void getSessionTokenWhenCodeReusedThenInvalidCode() {
		String code = currentCode();
		this.gateway.getSessionToken(demoCaller(), request(code, 3600));
		StsCallException failure = failedCall(demoCaller(), request(code, 3600));
		assertFromSts(failure, StsFailure.INVALID_CODE, "AccessDenied");
		assertThat(recorded()).hasSize(2);
	}

	@Test
	void getSessionTokenWhenSerialNotTheCallersThenSerialNotAssociated() {
		StsCallException failure = failedCall(demoCaller(),
				new SessionTokenRequest("arn:aws:iam::123456789012:mfa/someone-else", currentCode(), 3600));
		assertFromSts(failure, StsFailure.SERIAL_NOT_ASSOCIATED, "AccessDenied");
	}

	@Test
	void getSessionTokenWhenDurationBelowStsMinimumThenDurationOutOfRange() {
		// the portal validates first; this proves the mapping if a value slips through
		StsCallException failure = failedCall(demoCaller(), request(currentCode(), 600));
		assertFromSts(failure, StsFailure.DURATION_OUT_OF_RANGE, "ValidationError", "'600' at 'durationSeconds'");
	}

	@Test
	void getSessionTokenWhenCallerHoldsSessionCredentialsThenSessionCredentials() {
		TemporaryCredentials issued = this.gateway.getSessionToken(demoCaller(), request(currentCode(), 3600));
		StsCaller session = caller("session",
				AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
		StsCallException failure = failedCall(session, request(wrongCode(), 3600));
		assertFromSts(failure, StsFailure.SESSION_CREDENTIALS, "AccessDenied");
	}

	@Test
	void getSessionTokenWhenCredentialsProviderFailsThenNoCredentialsAndNothingSent() {
		AwsCredentialsProvider failing = () -> {
			throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
		};
		StsCaller broken = new StsCaller("broken", failing, REGION, this.server.endpoint());
		StsCallException failure = failedCall(broken, request(currentCode(), 3600));
		assertThat(failure.failure()).isEqualTo(StsFailure.NO_CREDENTIALS);
		assertThat(failure.errorCode()).isNull();
		assertThat(failure.requestId()).isNull();
		assertThat(failure).hasRootCauseMessage("Unable to load credentials from any of the providers in the chain");
		assertThat(recorded()).isEmpty();
	}

	@Test
	void getSessionTokenWhenAccessKeyUnknownThenUnknownAccessKey() {
		StsCaller unknown = caller("unknown",
				AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", DEMO_SECRET_ACCESS_KEY));
		StsCallException failure = failedCall(unknown, request(currentCode(), 3600));
		assertFromSts(failure, StsFailure.UNKNOWN_ACCESS_KEY, "InvalidClientTokenId");
	}

	@Test
	void getSessionTokenWhenSecretWrongThenSignatureMismatch() {
		StsCaller wrongSecret = caller("wrong-secret",
				AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, "wrong" + DEMO_SECRET_ACCESS_KEY));
		StsCallException failure = failedCall(wrongSecret, request(currentCode(), 3600));
		assertFromSts(failure, StsFailure.SIGNATURE_MISMATCH, "SignatureDoesNotMatch");
	}

	@Test
	void getSessionTokenWhenSourceComesBackWithOtherKeysThenSignedWithThoseKeys() {
		StsCaller wrongSecret = caller("work",
				AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, "wrong" + DEMO_SECRET_ACCESS_KEY));
		failedCall(wrongSecret, request(wrongCode(), 3600));
		StsCaller fixed = caller("work", AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY));
		assertThat(this.gateway.getSessionToken(fixed, request(currentCode(), 3600)).accessKeyId()).startsWith("ASIA");
	}

	@Test
	void getSessionTokenWhenCallerCredentialsExpiredThenExpiredToken() {
		TemporaryCredentials issued = this.gateway.getSessionToken(demoCaller(), request(currentCode(), 900));
		this.clock.advance(Duration.ofSeconds(900));
		StsCaller expired = caller("expired",
				AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
		StsCallException failure = failedCall(expired, request(currentCode(), 3600));
		assertFromSts(failure, StsFailure.EXPIRED_TOKEN, "ExpiredToken");
	}

	@Test
	void getSessionTokenWhenCallerRegionDisabledThenRegionDisabled() {
		this.server.setDisabledRegions(Set.of("ap-east-1"));
		StsCaller hongKong = new StsCaller("demo", demoKeys(), "ap-east-1", this.server.endpoint());
		StsCallException failure = failedCall(hongKong, request(currentCode(), 3600));
		assertFromSts(failure, StsFailure.REGION_DISABLED, "RegionDisabledException");
		assertThat(recorded()).singleElement()
			.satisfies((recorded) -> assertThat(recorded.region()).isEqualTo("ap-east-1"));
	}

	@Test
	void getSessionTokenWhenThrottledThenThrottledAndNotRetried() {
		this.server.setMaxRequestsPerSecond(1);
		this.gateway.getSessionToken(demoCaller(), request(currentCode(), 3600));
		StsCallException failure = failedCall(demoCaller(), request(wrongCode(), 3600));
		assertFromSts(failure, StsFailure.THROTTLED, "Throttling");
		assertThat(recorded()).extracting(RecordedRequest::errorCode).containsExactly(null, "Throttling");
		assertThat(attempts(failure)).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("serverErrors")
	void getSessionTokenWhenStsFailsInternallyThenStsErrorAndNotRetried(ForcedFailure serverError) {
		this.server.setForcedFailure(serverError);
		StsCallException failure = failedCall(demoCaller(), request(currentCode(), 3600));
		assertFromSts(failure, StsFailure.STS_ERROR, serverError.code());
		assertThat(recorded()).singleElement()
			.satisfies((recorded) -> assertThat(recorded.status()).isEqualTo(serverError.status()));
		assertThat(attempts(failure)).isEqualTo(1);
	}

	static Stream<ForcedFailure> serverErrors() {
		return Stream.of(ForcedFailure.internalFailure(), ForcedFailure.serviceUnavailable());
	}

	@Test
	void getSessionTokenWhenNothingListensThenUnreachableAfterRetries() throws IOException {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		StsCaller nowhere = new StsCaller("nowhere", demoKeys(), REGION, closed);
		StsCallException failure = failedCall(nowhere, request(currentCode(), 3600));
		assertThat(failure.failure()).isEqualTo(StsFailure.UNREACHABLE);
		assertThat(failure.errorCode()).isNull();
		assertThat(failure.requestId()).isNull();
		// no connection means the code never left: the one failure that is safe to try
		// again
		assertThat(attempts(failure)).isEqualTo(3);
	}

	@Test
	void getSessionTokenWhenStsAnswersAfterCallTimeoutThenTimeoutWithinItAndCodeSentOnce() {
		Duration callTimeout = Duration.ofSeconds(1);
		StsSettings impatientSettings = new StsSettings(null, REGION, null, callTimeout, callTimeout);
		SdkStsGateway impatient = new SdkStsGateway(impatientSettings, StsHttpClient.create(impatientSettings),
				new SimpleMeterRegistry());
		try {
			// builds the SDK client, which is not part of the call the timeout bounds
			failure(() -> impatient.getSessionToken(demoCaller(), request(wrongCode(), 3600)));
			this.server.clearRecordedRequests();
			this.server.setResponseDelay(callTimeout.multipliedBy(4));
			StsCallException failure = assertTimeoutPreemptively(callTimeout.plusSeconds(1),
					() -> failure(() -> impatient.getSessionToken(demoCaller(), request(currentCode(), 3600))));
			assertThat(failure.failure()).isEqualTo(StsFailure.TIMEOUT);
			assertThat(failure.errorCode()).isNull();
			assertThat(recorded()).hasSize(1);
		}
		finally {
			impatient.destroy();
		}
	}

	/**
	 * As {@link #assertFromSts(StsCallException, StsFailure, String)}, and STS's message
	 * says this.
	 */
	private static void assertFromSts(StsCallException failure, StsFailure expected, String errorCode,
			String messagePart) {
		assertFromSts(failure, expected, errorCode);
		assertThat(failure.stsMessage()).contains(messagePart);
	}

	private static void assertFromSts(StsCallException failure, StsFailure expected, String errorCode) {
		assertThat(failure.failure()).isEqualTo(expected);
		assertThat(failure.errorCode()).isEqualTo(errorCode);
		assertThat(failure.stsMessage()).isNotBlank();
		assertThat(failure.requestId()).matches(UUID);
	}

	private StsCallException failedCall(StsCaller caller, SessionTokenRequest request) {
		return failure(() -> this.gateway.getSessionToken(caller, request));
	}

	private static StsCallException failure(ThrowingCallable call) {
		StsCallException failure = catchThrowableOfType(StsCallException.class, call);
		assertThat(failure).as("the call's StsCallException").isNotNull();
		return failure;
	}

	/**
	 * How often the SDK sent the request, as it reports on the exception it ended with.
	 */
	private static Integer attempts(StsCallException failure) {
		assertThat(failure.getCause()).isInstanceOf(SdkException.class);
		return ((SdkException) failure.getCause()).numAttempts();
	}

	@Test
	void assumeRoleWhenChainedFromARoleForMoreThanAnHourThenRoleChainingLimit() {
		RoleCredentials first = this.gateway.assumeRole(demoCaller(),
				new RoleRequest(dev.mfaportal.emulator.EmulatedRole.DEMO_ROLE_ARN, "first", null, null, null, 3600));
		assertThat(first.assumedRoleArn()).endsWith("assumed-role/demo-admin/first");
		StsCaller asRole = caller("as-role", AwsSessionCredentials.create(first.credentials().accessKeyId(),
				first.credentials().secretAccessKey(), first.credentials().sessionToken()));

		StsCallException chained = assertThrows(StsCallException.class, () -> this.gateway.assumeRole(asRole,
				new RoleRequest(dev.mfaportal.emulator.EmulatedRole.DEMO_ROLE_ARN, "second", null, null, null, 7200)));
		assertThat(chained.failure()).isEqualTo(StsFailure.ROLE_CHAINING_LIMIT);
		assertThat(this.gateway
			.assumeRole(asRole,
					new RoleRequest(dev.mfaportal.emulator.EmulatedRole.DEMO_ROLE_ARN, "second", null, null, null,
							3600))
			.assumedRoleArn()).endsWith("assumed-role/demo-admin/second");
	}

	@Test
	void callerIdentityWhenLongTermKeysThenTheUser() {
		assertThat(this.gateway.callerIdentity(demoCaller()).arn()).isEqualTo("arn:aws:iam::123456789012:user/demo");
	}

	private List<RecordedRequest> recorded() {
		return this.server.recordedRequests();
	}

	private StsCaller demoCaller() {
		return new StsCaller("demo", demoKeys(), REGION, this.server.endpoint());
	}

	private static AwsCredentialsProvider demoKeys() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY));
	}

	/** Each set of keys under its own source id, as the credential sources name them. */
	private StsCaller caller(String id, AwsCredentials credentials) {
		return new StsCaller(id, StaticCredentialsProvider.create(credentials), REGION, this.server.endpoint());
	}

	private static SessionTokenRequest request(String code, int durationSeconds) {
		return new SessionTokenRequest(DEMO_SERIAL_NUMBER, code, durationSeconds);
	}

	private String currentCode() {
		return Totp.currentCode(EmulatedMfaDevice.DEMO_BASE32_SECRET, this.clock);
	}

	/** Six digits the device shows in none of the steps the emulator accepts now. */
	private String wrongCode() {
		List<String> valid = Stream.of(-30L, 0L, 30L)
			.map((offset) -> Totp.currentCode(EmulatedMfaDevice.DEMO_BASE32_SECRET,
					Clock.offset(this.clock, Duration.ofSeconds(offset))))
			.toList();
		return Stream.of("000000", "111111", "222222", "333333")
			.filter((code) -> !valid.contains(code))
			.findFirst()
			.orElseThrow();
	}

}
