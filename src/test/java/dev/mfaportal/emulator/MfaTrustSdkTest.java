package dev.mfaportal.emulator;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.mfaportal.emulator.EmulatedMfaDevice.DEMO_SERIAL_NUMBER;
import static dev.mfaportal.emulator.EmulatedRole.DEMO_MFA_ROLE_ARN;
import static dev.mfaportal.emulator.SdkClients.stsError;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role whose trust requires MFA, as STS judges {@code aws:MultiFactorAuthPresent}: a
 * GetSessionToken session issued with a code carries it, so AssumeRole signed by it needs
 * no second code (what the portal's terminal endpoint relies on); one issued without a
 * code does not.
 */
class MfaTrustSdkTest {

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo()
		.withRoles(List.of(EmulatedRole.demoRequiringMfa(), EmulatedRole.demo().requiringMfa())));

	@Test
	void assumeRoleWhenTrustRequiresMfaAndSignedBySessionIssuedWithCodeThenIssuedWithoutCode() {
		try (StsClient sessionSts = sessionIssuedWithCode()) {
			AssumeRoleResponse role = sessionSts.assumeRole((
					request) -> request.roleArn(DEMO_MFA_ROLE_ARN).roleSessionName("terminal").durationSeconds(43_200));
			assertThat(role.assumedRoleUser().arn())
				.isEqualTo("arn:aws:sts::123456789012:assumed-role/demo-mfa-admin/terminal");
			assertThat(role.credentials().expiration()).isEqualTo(this.emulator.clock.instant().plusSeconds(43_200));
		}
	}

	@Test
	void assumeRoleWhenTrustRequiresMfaAndSignedBySessionIssuedWithoutCodeThenAccessDenied() {
		Credentials session = this.emulator.sts.getSessionToken().credentials();
		try (StsClient sessionSts = SdkClients.session(this.emulator.server.endpoint(), session)) {
			StsException error = stsError(() -> sessionSts
				.assumeRole((request) -> request.roleArn(DEMO_MFA_ROLE_ARN).roleSessionName("terminal")));
			assertError(error, "AccessDenied",
					"User: arn:aws:iam::123456789012:user/demo is not authorized to perform: sts:AssumeRole on resource: "
							+ DEMO_MFA_ROLE_ARN);
		}
	}

	@Test
	void assumeRoleWhenTrustRequiresMfaAndLongTermKeysWithoutCodeThenAccessDenied() {
		StsException error = stsError(() -> this.emulator.sts
			.assumeRole((request) -> request.roleArn(DEMO_MFA_ROLE_ARN).roleSessionName("terminal")));
		assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
	}

	@Test
	void assumeRoleWhenTrustRequiresMfaAndLongTermKeysWithCodeThenIssued() {
		AssumeRoleResponse role = this.emulator.sts.assumeRole((request) -> request.roleArn(DEMO_MFA_ROLE_ARN)
			.roleSessionName("direct")
			.serialNumber(DEMO_SERIAL_NUMBER)
			.tokenCode(this.emulator.currentCode()));
		assertThat(role.credentials().accessKeyId()).startsWith("ASIA");
	}

	@Test
	void assumeRoleWhenChainedFromMfaRoleCredentialsThenCappedAtOneHour() {
		try (StsClient sessionSts = sessionIssuedWithCode()) {
			Credentials role = sessionSts
				.assumeRole((request) -> request.roleArn(DEMO_MFA_ROLE_ARN).roleSessionName("first"))
				.credentials();
			try (StsClient roleSts = SdkClients.session(this.emulator.server.endpoint(), role)) {
				StsException error = stsError(
						() -> roleSts.assumeRole((request) -> request.roleArn(EmulatedRole.DEMO_ROLE_ARN)
							.roleSessionName("chained")
							.durationSeconds(3_601)));
				assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
				AssumeRoleResponse chained = roleSts
					.assumeRole((request) -> request.roleArn(EmulatedRole.DEMO_ROLE_ARN).roleSessionName("chained"));
				assertThat(chained.credentials().expiration())
					.isEqualTo(this.emulator.clock.instant().plusSeconds(3_600));
			}
		}
	}

	/**
	 * An STS client signed with a GetSessionToken session issued with the demo device's
	 * code; the caller closes it.
	 */
	private StsClient sessionIssuedWithCode() {
		Credentials session = this.emulator.sts
			.getSessionToken(
					(request) -> request.serialNumber(DEMO_SERIAL_NUMBER).tokenCode(this.emulator.currentCode()))
			.credentials();
		return SdkClients.session(this.emulator.server.endpoint(), session);
	}

}
