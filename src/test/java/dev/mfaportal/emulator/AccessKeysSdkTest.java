package dev.mfaportal.emulator;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM's access key actions as the SDK's {@code IamClient} sees them: keys created only
 * with an MFA session, usable once propagated, at most two a user, deleted ones refused
 * at once; and IAM's own errors, in IAM's namespace.
 */
class AccessKeysSdkTest {

	private final TestEmulator emulator = TestEmulator.start(EmulatorSettings.demo());

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	private Credentials mfaSession() {
		return SdkClients.demoUser(this.emulator.endpoint())
			.getSessionToken((r) -> r.serialNumber(EmulatedMfaDevice.DEMO_SERIAL_NUMBER)
				.tokenCode(Totp.currentCode(EmulatedMfaDevice.DEMO_BASE32_SECRET, Clock.systemUTC()))
				.durationSeconds(900))
			.credentials();
	}

	private IamClient iam(AwsCredentials credentials) {
		return SdkClients.iam(this.emulator.endpoint(), credentials);
	}

	private static AwsBasicCredentials demoKey() {
		return AwsBasicCredentials.create(EmulatedUser.DEMO_ACCESS_KEY_ID, EmulatedUser.DEMO_SECRET_ACCESS_KEY);
	}

	@Test
	void createWhenSignedWithTheLongTermKeyAloneThenAnExplicitDenyAsTheForceMfaPolicyGives() {
		SdkClients.assertError(SdkClients.iamError(() -> iam(demoKey()).createAccessKey()), 403, "AccessDenied",
				"User: arn:aws:iam::123456789012:user/demo is not authorized to perform: iam:CreateAccessKey on "
						+ "resource: user demo with an explicit deny in an identity-based policy");
	}

	@Test
	void rotateWhenWithAnMfaSessionThenTheNewKeyWorksTheOldStopsAndTheListSaysSo() {
		IamClient iam = iam(SdkClients.credentials(mfaSession()));
		assertThat(iam(demoKey()).listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
			.containsExactly(EmulatedUser.DEMO_ACCESS_KEY_ID);

		AccessKey created = iam.createAccessKey().accessKey();

		assertThat(created.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
		assertThat(created.secretAccessKey()).hasSize(40);
		assertThat(created.userName()).isEqualTo("demo");
		assertThat(created.createDate()).isNotNull();
		AwsBasicCredentials newKey = AwsBasicCredentials.create(created.accessKeyId(), created.secretAccessKey());
		assertThat(SdkClients.sts(this.emulator.endpoint(), newKey).getCallerIdentity().arn())
			.isEqualTo("arn:aws:iam::123456789012:user/demo");
		assertThat(iam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
			.containsExactly(EmulatedUser.DEMO_ACCESS_KEY_ID, created.accessKeyId());

		iam.deleteAccessKey((r) -> r.accessKeyId(EmulatedUser.DEMO_ACCESS_KEY_ID));

		SdkClients.assertError(
				SdkClients.stsError(() -> SdkClients.demoUser(this.emulator.endpoint()).getCallerIdentity()), 403,
				"InvalidClientTokenId", "The security token included in the request is invalid.");
		assertThat(iam(newKey).listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
			.containsExactly(created.accessKeyId());
	}

	@Test
	void createWhenTheUserHasTwoKeysThenLimitExceeded409() {
		IamClient iam = iam(SdkClients.credentials(mfaSession()));
		iam.createAccessKey();

		LimitExceededException error = (LimitExceededException) SdkClients.iamError(iam::createAccessKey);

		SdkClients.assertError(error, 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
	}

	@Test
	void deleteWhenNoSuchKeyThenNoSuchEntity404() {
		IamClient iam = iam(SdkClients.credentials(mfaSession()));

		NoSuchEntityException error = (NoSuchEntityException) SdkClients
			.iamError(() -> iam.deleteAccessKey((r) -> r.accessKeyId("AKIAUNKNOWNKEY000000")));

		SdkClients.assertError(error, 404, "NoSuchEntity",
				"The Access Key with id AKIAUNKNOWNKEY000000 cannot be found.");
	}

	@Test
	void newKeyWhenUsedBeforeItPropagatedThenRefusedAndAfterwardsAccepted() throws Exception {
		this.emulator.setKeyPropagationDelay(Duration.ofMillis(1500));
		AccessKey created = iam(SdkClients.credentials(mfaSession())).createAccessKey().accessKey();
		AwsBasicCredentials newKey = AwsBasicCredentials.create(created.accessKeyId(), created.secretAccessKey());

		SdkClients.assertError(
				SdkClients.stsError(() -> SdkClients.sts(this.emulator.endpoint(), newKey).getCallerIdentity()), 403,
				"InvalidClientTokenId", "The security token included in the request is invalid.");
		Thread.sleep(1600);
		assertThat(SdkClients.sts(this.emulator.endpoint(), newKey).getCallerIdentity().account())
			.isEqualTo("123456789012");
	}

}
