package dev.mfaportal.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.mfaportal.emulator.SdkClients.stsError;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call, checked through the real SDK client: keys, signatures, session tokens,
 * expiry.
 */
class AuthenticationSdkTest {

	/**
	 * Ten minutes behind real time: the expiry test moves 15 minutes on and must still be
	 * within the 15 minutes of clock skew the signature check allows (the SDK signs with
	 * the real clock).
	 */
	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo(), Duration.ofMinutes(10));

	@Test
	void getCallerIdentityWhenLongTermKeyThenTheUser() {
		GetCallerIdentityResponse identity = this.emulator.sts.getCallerIdentity();
		assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:user/demo");
		assertThat(identity.account()).isEqualTo("123456789012");
		assertThat(identity.userId()).isEqualTo(EmulatedUser.demo().userId()).startsWith("AIDA").hasSize(21);
	}

	@Test
	void getCallerIdentityWhenIssuedSessionCredentialsThenSameUserAndRecordedAsSession() {
		Credentials issued = this.emulator.sts.getSessionToken().credentials();
		try (StsClient sessionSts = SdkClients.session(this.emulator.server.endpoint(), issued)) {
			assertThat(sessionSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:user/demo");
		}
		RecordedRequest last = this.emulator.server.recordedRequests().get(1);
		assertThat(last.accessKeyId()).isEqualTo(issued.accessKeyId());
		assertThat(last.sessionCredentials()).isTrue();
	}

	@Test
	void getCallerIdentityWhenSessionKeyWithoutTokenThenInvalidClientTokenId() {
		Credentials issued = this.emulator.sts.getSessionToken().credentials();
		try (StsClient noToken = SdkClients.sts(this.emulator.server.endpoint(),
				AwsBasicCredentials.create(issued.accessKeyId(), issued.secretAccessKey()))) {
			assertInvalidClientTokenId(stsError(noToken::getCallerIdentity));
		}
	}

	@Test
	void getCallerIdentityWhenSessionKeyWithAnotherTokenThenInvalidClientTokenId() {
		Credentials issued = this.emulator.sts.getSessionToken().credentials();
		Credentials other = this.emulator.sts.getSessionToken().credentials();
		try (StsClient wrongToken = SdkClients.sts(this.emulator.server.endpoint(),
				AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), other.sessionToken()))) {
			assertInvalidClientTokenId(stsError(wrongToken::getCallerIdentity));
		}
	}

	@Test
	void getCallerIdentityWhenSessionCredentialsExpiredThenExpiredToken() {
		Credentials issued = this.emulator.sts.getSessionToken((request) -> request.durationSeconds(900)).credentials();
		try (StsClient sessionSts = SdkClients.session(this.emulator.server.endpoint(), issued)) {
			this.emulator.clock.advance(Duration.ofSeconds(899));
			assertThat(sessionSts.getCallerIdentity().account()).isEqualTo("123456789012");
			this.emulator.clock.advance(Duration.ofSeconds(1));
			StsException error = stsError(sessionSts::getCallerIdentity);
			assertError(error, 403, "ExpiredToken", "The security token included in the request is expired");
		}
	}

	@Test
	void getCallerIdentityWhenUnknownAccessKeyThenInvalidClientTokenId() {
		try (StsClient unknown = SdkClients.sts(this.emulator.server.endpoint(),
				AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", EmulatedUser.DEMO_SECRET_ACCESS_KEY))) {
			assertInvalidClientTokenId(stsError(unknown::getCallerIdentity));
		}
	}

	@Test
	void getCallerIdentityWhenWrongSecretThenSignatureDoesNotMatch() {
		try (StsClient wrongSecret = SdkClients.sts(this.emulator.server.endpoint(), AwsBasicCredentials
			.create(EmulatedUser.DEMO_ACCESS_KEY_ID, "wrong" + EmulatedUser.DEMO_SECRET_ACCESS_KEY))) {
			StsException error = stsError(wrongSecret::getCallerIdentity);
			assertError(error, 403, "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided. "
							+ "Check your AWS Secret Access Key and signing method. "
							+ "Consult the service documentation for details.");
		}
	}

	@Test
	void getCallerIdentityWhenEmulatorClockFarAheadThenSignatureExpired() {
		this.emulator.clock.advance(Duration.ofMinutes(30));
		StsException error = stsError(this.emulator.sts::getCallerIdentity);
		assertThat(error.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
		assertThat(error.awsErrorDetails().errorMessage()).startsWith("Signature expired:");
	}

	@Test
	void getCallerIdentityWhenUnsignedThenMissingAuthenticationToken() {
		try (StsClient anonymous = SdkClients.sts(this.emulator.server.endpoint(), Region.US_EAST_1,
				AnonymousCredentialsProvider.create())) {
			StsException error = stsError(anonymous::getCallerIdentity);
			assertError(error, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
		}
	}

	private static void assertInvalidClientTokenId(StsException error) {
		assertError(error, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
	}

}
