package dev.mfaportal.emulator;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.mfaportal.emulator.EmulatedMfaDevice.DEMO_SERIAL_NUMBER;
import static dev.mfaportal.emulator.SdkClients.stsError;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetSessionToken through the real SDK client over HTTP.
 */
class GetSessionTokenSdkTest {

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo());

	@Test
	void getSessionTokenWhenCurrentCodeThenSessionCredentialsUntilClockPlusDuration() {
		Credentials credentials = this.emulator.sts
			.getSessionToken((request) -> request.serialNumber(DEMO_SERIAL_NUMBER)
				.tokenCode(this.emulator.currentCode())
				.durationSeconds(3600))
			.credentials();
		assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20).matches("[A-Z0-9]+");
		assertThat(credentials.secretAccessKey()).hasSize(40);
		assertThat(credentials.sessionToken()).hasSizeGreaterThan(300);
		assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(3600));
	}

	@Test
	void getSessionTokenWhenCodeReusedThenAccessDeniedInvalidCode() {
		String code = this.emulator.currentCode();
		this.emulator.sts.getSessionToken((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(code));
		StsException error = stsError(() -> this.emulator.sts
			.getSessionToken((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(code)));
		assertError(error, 403, "AccessDenied",
				"MultiFactorAuthentication failed with invalid MFA one time pass code. ");
	}

	@Test
	void getSessionTokenWhenWrongCodeThenAccessDeniedInvalidCode() {
		String wrong = this.emulator.codeValidInNoStepOfTheWindow();
		StsException error = stsError(() -> this.emulator.sts
			.getSessionToken((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(wrong)));
		assertError(error, "AccessDenied", MfaCheck.INVALID_CODE);
	}

	@Test
	void getSessionTokenWhenSerialNotTheCallersThenAccessDeniedUnknownSerial() {
		StsException error = stsError(() -> this.emulator.sts
			.getSessionToken((request) -> request.serialNumber("arn:aws:iam::123456789012:mfa/someone-else")
				.tokenCode(this.emulator.currentCode())));
		assertError(error, 403, "AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code.  "
				+ "Please verify your MFA serial number is valid and associated with this user.");
	}

	@ParameterizedTest
	@ValueSource(ints = { 900, 129600 })
	void getSessionTokenWhenDurationAtABoundThenIssued(int seconds) {
		Credentials credentials = this.emulator.sts.getSessionToken((request) -> request.durationSeconds(seconds))
			.credentials();
		assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(seconds));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "899    | Member must have value greater than or equal to 900",
			"129601 | Member must have value less than or equal to 129600" })
	void getSessionTokenWhenDurationOutOfRangeThenValidationError(int seconds, String constraint) {
		StsException error = stsError(
				() -> this.emulator.sts.getSessionToken((request) -> request.durationSeconds(seconds)));
		assertError(error, 400, "ValidationError", "1 validation error detected: Value '" + seconds
				+ "' at 'durationSeconds' failed to satisfy constraint: " + constraint);
	}

	@Test
	void getSessionTokenWhenSeveralParametersBrokenThenAllListedInOneMessage() {
		StsException error = stsError(() -> this.emulator.sts
			.getSessionToken((request) -> request.durationSeconds(600).serialNumber("<b>&'x'").tokenCode("12a")));
		assertError(error, "ValidationError", "5 validation errors detected: "
				+ "Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900; "
				+ "Value '<b>&'x'' at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]*; "
				+ "Value '<b>&'x'' at 'serialNumber' failed to satisfy constraint: Member must have length greater than or equal to 9; "
				+ "Value '12a' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*; "
				+ "Value '12a' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6");
	}

	@Test
	void getSessionTokenWhenNoSerialAndCodeThenIssuedForDefaultTwelveHours() {
		Credentials credentials = this.emulator.sts.getSessionToken().credentials();
		assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(43_200));
	}

	@Test
	void getSessionTokenWhenRootUserAsksForMoreThanAnHourThenCappedAtAnHour() {
		try (StsClient rootSts = this.emulator.stsAsAccountRootOnly()) {
			Credentials credentials = rootSts.getSessionToken((request) -> request.durationSeconds(129_600))
				.credentials();
			assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(3600));
		}
	}

	@Test
	void getSessionTokenWhenSignedWithSessionCredentialsThenAccessDenied() {
		Credentials issued = this.emulator.sts.getSessionToken().credentials();
		try (StsClient sessionSts = SdkClients.session(this.emulator.server.endpoint(), issued)) {
			StsException error = stsError(() -> sessionSts.getSessionToken());
			assertError(error, 403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
		}
	}

	@Test
	void recordedRequestWhenCodeSentThenParametersAndKeyKeptButCodeMasked() {
		String code = this.emulator.currentCode();
		this.emulator.sts.getSessionToken(
				(request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(code).durationSeconds(3600));
		assertThat(this.emulator.server.recordedRequests()).singleElement().satisfies((recorded) -> {
			assertThat(recorded.action()).isEqualTo("GetSessionToken");
			assertThat(recorded.parameters()).containsEntry("SerialNumber", DEMO_SERIAL_NUMBER)
				.containsEntry("DurationSeconds", "3600")
				.containsEntry("Version", "2011-06-15")
				.containsEntry("TokenCode", "******");
			assertThat(recorded.parameters().values()).doesNotContain(code);
			assertThat(recorded.accessKeyId()).isEqualTo(EmulatedUser.DEMO_ACCESS_KEY_ID);
			assertThat(recorded.region()).isEqualTo("us-east-1");
			assertThat(recorded.sessionCredentials()).isFalse();
			assertThat(recorded.status()).isEqualTo(200);
			assertThat(recorded.succeeded()).isTrue();
		});
		this.emulator.server.clearRecordedRequests();
		assertThat(this.emulator.server.recordedRequests()).isEmpty();
	}

}
