package dev.mfaportal.emulator;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.mfaportal.emulator.EmulatedMfaDevice.DEMO_SERIAL_NUMBER;
import static dev.mfaportal.emulator.EmulatedRole.DEMO_ROLE_ARN;
import static dev.mfaportal.emulator.SdkClients.stsError;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AssumeRole through the real SDK client over HTTP: issuing, the role's and role
 * chaining's duration limits, STS's parameter constraints, MFA, and who the issued
 * credentials act as.
 */
class AssumeRoleSdkTest {

	/** A role with IAM's default MaxSessionDuration, one hour. */
	private static final String READ_ONLY_ARN = "arn:aws:iam::123456789012:role/read-only";

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(
			EmulatorSettings.demo().withRoles(List.of(EmulatedRole.demo(), new EmulatedRole(READ_ONLY_ARN))));

	@Test
	void assumeRoleWhenCurrentCodeThenRoleCredentialsActingAsTheAssumedRole() {
		AssumeRoleResponse response = this.emulator.sts.assumeRole((request) -> request.roleArn(DEMO_ROLE_ARN)
			.roleSessionName("alice@example.com")
			.serialNumber(DEMO_SERIAL_NUMBER)
			.tokenCode(this.emulator.currentCode())
			.durationSeconds(7200));
		Credentials credentials = response.credentials();
		assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20).matches("[A-Z0-9]+");
		assertThat(credentials.secretAccessKey()).hasSize(40);
		assertThat(credentials.sessionToken()).hasSizeGreaterThan(300);
		assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(7200));
		assertThat(response.assumedRoleUser().arn())
			.isEqualTo("arn:aws:sts::123456789012:assumed-role/demo-admin/alice@example.com");
		assertThat(response.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z0-9]{17}:alice@example\\.com");
		assertThat(response.packedPolicySize()).isNull();
		try (StsClient role = SdkClients.session(this.emulator.server.endpoint(), credentials)) {
			GetCallerIdentityResponse identity = role.getCallerIdentity();
			assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/demo-admin/alice@example.com");
			assertThat(identity.userId()).isEqualTo(response.assumedRoleUser().assumedRoleId());
			assertThat(identity.account()).isEqualTo("123456789012");
		}
	}

	@Test
	void assumeRoleWhenSameRoleTwiceThenSameRoleIdUnderEachSessionName() {
		String first = assume((request) -> request.roleSessionName("first")).assumedRoleUser().assumedRoleId();
		String second = assume((request) -> request.roleSessionName("second")).assumedRoleUser().assumedRoleId();
		assertThat(first).endsWith(":first");
		assertThat(second).endsWith(":second");
		assertThat(first.substring(0, 21)).isEqualTo(second.substring(0, 21));
	}

	@Test
	void assumeRoleWhenNoDurationThenOneHour() {
		Credentials credentials = assume((request) -> {
		}).credentials();
		assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(3600));
	}

	@ParameterizedTest
	@ValueSource(ints = { 900, 43_200 })
	void assumeRoleWhenDurationAtABoundOfTheRoleThenIssued(int seconds) {
		Credentials credentials = assume((request) -> request.durationSeconds(seconds)).credentials();
		assertThat(credentials.expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(seconds));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "899   | Member must have value greater than or equal to 900",
			"43201 | Member must have value less than or equal to 43200" })
	void assumeRoleWhenDurationOutOfRangeThenValidationError(int seconds, String constraint) {
		assertOneBrokenConstraint((request) -> request.durationSeconds(seconds), "durationSeconds", seconds,
				constraint);
	}

	@Test
	void assumeRoleWhenDurationAboveTheRolesMaximumThenValidationError() {
		assertThat(assume((request) -> request.roleArn(READ_ONLY_ARN).durationSeconds(3600)).credentials()).isNotNull();
		StsException error = stsError(() -> assume((request) -> request.roleArn(READ_ONLY_ARN).durationSeconds(3601)));
		assertValidationError(error, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
	}

	@Test
	void assumeRoleWhenSignedWithRoleCredentialsForMoreThanAnHourThenRoleChainingValidationError() {
		try (StsClient role = asDemoRole()) {
			StsException error = stsError(() -> role.assumeRole(
					(request) -> request.roleArn(DEMO_ROLE_ARN).roleSessionName("chained").durationSeconds(3601)));
			assertValidationError(error,
					"The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
		}
	}

	@Test
	void assumeRoleWhenSignedWithRoleCredentialsForAnHourThenChainedRoleIssued() {
		try (StsClient role = asDemoRole()) {
			AssumeRoleResponse chained = role.assumeRole(
					(request) -> request.roleArn(READ_ONLY_ARN).roleSessionName("chained").durationSeconds(3600));
			assertThat(chained.credentials().expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(3600));
			try (StsClient chainedRole = SdkClients.session(this.emulator.server.endpoint(), chained.credentials())) {
				assertThat(chainedRole.getCallerIdentity().arn())
					.isEqualTo("arn:aws:sts::123456789012:assumed-role/read-only/chained");
			}
		}
	}

	@Test
	void assumeRoleWhenSignedWithSessionTokenCredentialsThenIssuedUpToTheRolesMaximum() {
		Credentials session = this.emulator.sts.getSessionToken().credentials();
		try (StsClient sessionSts = SdkClients.session(this.emulator.server.endpoint(), session)) {
			AssumeRoleResponse response = sessionSts.assumeRole((request) -> request.roleArn(DEMO_ROLE_ARN)
				.roleSessionName("from-session")
				.serialNumber(DEMO_SERIAL_NUMBER)
				.tokenCode(this.emulator.currentCode())
				.durationSeconds(43_200));
			assertThat(response.credentials().expiration())
				.isEqualTo(this.emulator.clock.instant().plusSeconds(43_200));
		}
	}

	@Test
	void getSessionTokenWhenSignedWithRoleCredentialsThenAccessDenied() {
		try (StsClient role = asDemoRole()) {
			StsException error = stsError(role::getSessionToken);
			assertError(error, "AccessDenied", "Cannot call GetSessionToken with session credentials");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "a          | Member must have length greater than or equal to 2",
					"bad name!  | Member must satisfy regular expression pattern: [\\w+=,.@-]*",
					"sixty-five-characters-are-one-more-than-a-role-session-name-takes "
							+ "| Member must have length less than or equal to 64" })
	void assumeRoleWhenSessionNameBreaksAConstraintThenValidationError(String name, String constraint) {
		assertOneBrokenConstraint((request) -> request.roleSessionName(name), "roleSessionName", name, constraint);
	}

	@Test
	void assumeRoleWhenSessionNameMissingThenValidationErrorForNull() {
		StsException error = stsError(() -> this.emulator.sts.assumeRole((request) -> request.roleArn(DEMO_ROLE_ARN)));
		assertValidationError(error, "1 validation error detected: Value null at 'roleSessionName' "
				+ "failed to satisfy constraint: Member must not be null");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "x             | Member must have length greater than or equal to 2",
			"has space     | Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*" })
	void assumeRoleWhenExternalIdBreaksAConstraintThenValidationError(String externalId, String constraint) {
		assertOneBrokenConstraint((request) -> request.externalId(externalId), "externalId", externalId, constraint);
	}

	@Test
	void assumeRoleWhenExternalIdWellFormedThenIssuedAndRecordedWithTheCodeMasked() {
		String code = this.emulator.currentCode();
		assume((request) -> request.externalId("partner:4711/eu-west-1")
			.serialNumber(DEMO_SERIAL_NUMBER)
			.tokenCode(code));
		assertThat(this.emulator.server.recordedRequests()).singleElement().satisfies((recorded) -> {
			assertThat(recorded.action()).isEqualTo("AssumeRole");
			assertThat(recorded.parameters()).containsEntry("RoleArn", DEMO_ROLE_ARN)
				.containsEntry("RoleSessionName", "session")
				.containsEntry("ExternalId", "partner:4711/eu-west-1")
				.containsEntry("SerialNumber", DEMO_SERIAL_NUMBER)
				.containsEntry("TokenCode", RecordedRequest.MASKED_TOKEN_CODE);
			assertThat(recorded.parameters().values()).doesNotContain(code);
			assertThat(recorded.succeeded()).isTrue();
		});
	}

	@Test
	void assumeRoleWhenSeveralParametersBrokenThenAllListedInModelOrder() {
		StsException error = stsError(
				() -> this.emulator.sts.assumeRole((request) -> request.roleArn("arn:aws:iam::1:r")
					.roleSessionName("x")
					.durationSeconds(600)
					.tokenCode("12345")));
		assertValidationError(error, "4 validation errors detected: "
				+ "Value 'arn:aws:iam::1:r' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; "
				+ "Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; "
				+ "Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900; "
				+ "Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6");
	}

	@Test
	void assumeRoleWhenRoleNotConfiguredThenAccessDeniedNamingCallerAndRole() {
		StsException error = stsError(
				() -> assume((request) -> request.roleArn("arn:aws:iam::123456789012:role/no-such-role")));
		assertError(error, 403, "AccessDenied", "User: arn:aws:iam::123456789012:user/demo "
				+ "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/no-such-role");
	}

	@Test
	void assumeRoleWhenRoleNotConfiguredAndCallerARoleThenAccessDeniedNamingTheAssumedRole() {
		try (StsClient role = asDemoRole()) {
			StsException error = stsError(
					() -> role.assumeRole((request) -> request.roleArn("arn:aws:iam::123456789012:role/no-such-role")
						.roleSessionName("chained")));
			assertThat(error.awsErrorDetails().errorMessage())
				.isEqualTo("User: arn:aws:sts::123456789012:assumed-role/demo-admin/session is not authorized to "
						+ "perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/no-such-role");
		}
	}

	@Test
	void assumeRoleWhenCodeReusedThenAccessDeniedInvalidCode() {
		String code = this.emulator.currentCode();
		this.emulator.sts.getSessionToken((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(code));
		StsException error = stsError(
				() -> assume((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(code)));
		assertError(error, 403, "AccessDenied", MfaCheck.INVALID_CODE);
	}

	@Test
	void assumeRoleWhenWrongCodeThenAccessDeniedInvalidCode() {
		String wrong = this.emulator.codeValidInNoStepOfTheWindow();
		StsException error = stsError(
				() -> assume((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(wrong)));
		assertThat(error.awsErrorDetails().errorMessage())
			.isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code. ");
	}

	@Test
	void assumeRoleWhenSerialNotTheCallersThenAccessDeniedUnknownSerial() {
		StsException error = stsError(
				() -> assume((request) -> request.serialNumber("arn:aws:iam::123456789012:mfa/someone-else")
					.tokenCode(this.emulator.currentCode())));
		assertThat(error.statusCode()).isEqualTo(403);
		assertThat(error.awsErrorDetails().errorMessage())
			.isEqualTo("MultiFactorAuthentication failed, unable to validate MFA code.  "
					+ "Please verify your MFA serial number is valid and associated with this user.");
	}

	@Test
	void assumeRoleWhenRefusedForItsDurationThenTheCodeIsStillGood() {
		String code = this.emulator.currentCode();
		stsError(() -> assume((request) -> request.roleArn(READ_ONLY_ARN)
			.durationSeconds(7200)
			.serialNumber(DEMO_SERIAL_NUMBER)
			.tokenCode(code)));
		assertThat(assume((request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(code)).credentials())
			.isNotNull();
	}

	@Test
	void assumeRoleWhenCallerIsTheAccountRootThenAccessDenied() {
		try (StsClient rootSts = this.emulator.stsAsAccountRootOnly()) {
			StsException error = stsError(
					() -> rootSts.assumeRole((request) -> request.roleArn(DEMO_ROLE_ARN).roleSessionName("root")));
			assertError(error, "AccessDenied", "Roles may not be assumed by root accounts.");
		}
	}

	@Test
	void assumeRoleWhenSessionPolicySentThenPackedPolicySizeReported() {
		AssumeRoleResponse response = assume((request) -> request
			.policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
					+ "\"Resource\":\"*\"}]}"));
		assertThat(response.packedPolicySize()).isBetween(1, 100);
	}

	/**
	 * An STS client signed with the demo role's credentials (session "session"); the
	 * caller closes it.
	 */
	private StsClient asDemoRole() {
		return SdkClients.session(this.emulator.server.endpoint(), assume((request) -> {
		}).credentials());
	}

	private AssumeRoleResponse assume(Consumer<AssumeRoleRequest.Builder> request) {
		return this.emulator.sts
			.assumeRole((builder) -> request.accept(builder.roleArn(DEMO_ROLE_ARN).roleSessionName("session")));
	}

	/**
	 * The request, with this one member set to this value, is refused for the one
	 * constraint the value breaks.
	 */
	private void assertOneBrokenConstraint(Consumer<AssumeRoleRequest.Builder> request, String member, Object value,
			String constraint) {
		StsException error = stsError(() -> assume(request));
		assertValidationError(error, "1 validation error detected: Value '" + value + "' at '" + member
				+ "' failed to satisfy constraint: " + constraint);
	}

	private static void assertValidationError(StsException error, String message) {
		assertError(error, 400, "ValidationError", message);
	}

}
