package dev.mfaportal.emulator;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static dev.mfaportal.emulator.EmulatedMfaDevice.DEMO_SERIAL_NUMBER;
import static dev.mfaportal.emulator.SdkClients.iamError;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * IAM's ListMFADevices through the SDK's own {@code IamClient}, on the emulator's
 * endpoint.
 */
class ListMfaDevicesSdkTest {

	private static final EmulatedUser BOB = new EmulatedUser("AKIABOBBOBBOBBOB0001",
			"bobSecretbobSecretbobSecretbobSecret0000", "123456789012", "bob", false,
			new EmulatedMfaDevice("arn:aws:iam::123456789012:mfa/bob", "JBSWY3DPEHPK3PXP"));

	private static final EmulatedUser NO_DEVICE = new EmulatedUser("AKIANODEVICENODEV001",
			"noDeviceSecretnoDeviceSecretnoDevice0000", "123456789012", "carol", false, null);

	private static final EmulatedUser ROOT = EmulatorPerTest.ACCOUNT_ROOT;

	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(
			EmulatorSettings.demo().withUsers(List.of(EmulatedUser.demo(), BOB, NO_DEVICE, ROOT)));

	private IamClient iam;

	@BeforeEach
	void start() {
		this.iam = SdkClients.iam(this.emulator.server.endpoint(),
				AwsBasicCredentials.create(EmulatedUser.DEMO_ACCESS_KEY_ID, EmulatedUser.DEMO_SECRET_ACCESS_KEY));
	}

	@AfterEach
	void stop() {
		this.iam.close();
	}

	@Test
	void listMfaDevicesWhenNoUserNameThenTheCallersDevice() {
		ListMfaDevicesResponse response = this.iam.listMFADevices();
		assertThat(response.mfaDevices()).singleElement().satisfies((device) -> {
			assertThat(device.userName()).isEqualTo("demo");
			assertThat(device.serialNumber()).isEqualTo(DEMO_SERIAL_NUMBER);
			assertThat(device.enableDate()).isEqualTo(this.emulator.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		});
		assertThat(response.isTruncated()).isFalse();
	}

	@Test
	void listMfaDevicesWhenOwnUserNameThenTheCallersDeviceAndRecorded() {
		assertThat(this.iam.listMFADevices((request) -> request.userName("demo")).mfaDevices())
			.extracting(MFADevice::serialNumber)
			.containsExactly(DEMO_SERIAL_NUMBER);
		assertThat(this.emulator.server.recordedRequests()).singleElement().satisfies((recorded) -> {
			assertThat(recorded.action()).isEqualTo("ListMFADevices");
			assertThat(recorded.parameters()).containsEntry("Version", "2010-05-08").containsEntry("UserName", "demo");
			// with an endpoint override the SDK signs for the client's region, not IAM's
			// us-east-1
			assertThat(recorded.region()).isEqualTo("aws-global");
			assertThat(recorded.succeeded()).isTrue();
		});
	}

	@Test
	void listMfaDevicesWhenUserHasNoDeviceThenEmptyList() {
		try (IamClient carol = SdkClients.iam(this.emulator.server.endpoint(),
				AwsBasicCredentials.create(NO_DEVICE.accessKeyId(), NO_DEVICE.secretAccessKey()))) {
			ListMfaDevicesResponse response = carol.listMFADevices();
			assertThat(response.mfaDevices()).isEmpty();
			assertThat(response.isTruncated()).isFalse();
		}
	}

	@Test
	void listMfaDevicesWhenSignedWithSessionTokenCredentialsThenTheUsersDevice() {
		try (StsClient sts = SdkClients.demoUser(this.emulator.server.endpoint());
				IamClient session = SdkClients.iam(this.emulator.server.endpoint(),
						SdkClients.credentials(sts.getSessionToken().credentials()))) {
			assertThat(session.listMFADevices().mfaDevices()).extracting(MFADevice::serialNumber)
				.containsExactly(DEMO_SERIAL_NUMBER);
		}
	}

	@Test
	void listMfaDevicesWhenAnotherUsersNameThenAccessDenied() {
		IamException error = iamError(() -> this.iam.listMFADevices((request) -> request.userName("bob")));
		assertAccessDenied(error, "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: "
				+ "iam:ListMFADevices on resource: user bob");
	}

	@Test
	void listMfaDevicesWhenCallerDeniedIamThenAccessDeniedEvenForOwnDevices() {
		this.emulator.server.updateSettings((settings) -> settings.withIamDeniedUsers(Set.of("demo")));
		IamException error = iamError(this.iam::listMFADevices);
		assertAccessDenied(error, "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: "
				+ "iam:ListMFADevices on resource: user demo");
	}

	@Test
	void listMfaDevicesWhenAnotherUserDeniedIamThenCallerStillListsOwn() {
		this.emulator.server.updateSettings((settings) -> settings.withIamDeniedUsers(Set.of("bob")));
		assertThat(this.iam.listMFADevices().mfaDevices()).hasSize(1);
	}

	@Test
	void listMfaDevicesWhenSignedWithRoleCredentialsThenAccessDeniedNamingTheAssumedRole() {
		try (IamClient role = roleIam()) {
			IamException error = iamError(() -> role.listMFADevices((request) -> request.userName("demo")));
			assertAccessDenied(error, "User: arn:aws:sts::123456789012:assumed-role/demo-admin/session is not "
					+ "authorized to perform: iam:ListMFADevices on resource: user demo");
		}
	}

	@Test
	void listMfaDevicesWhenSignedWithRoleCredentialsAndNoUserNameThenValidationError() {
		try (IamClient role = roleIam()) {
			IamException error = iamError(role::listMFADevices);
			assertError(error, 400, "ValidationError", "Must specify userName when calling with non-User credentials");
		}
	}

	@Test
	void listMfaDevicesWhenRootNamesAUserThenThatUsersDevice() {
		try (IamClient root = SdkClients.iam(this.emulator.server.endpoint(),
				AwsBasicCredentials.create(ROOT.accessKeyId(), ROOT.secretAccessKey()))) {
			assertThat(root.listMFADevices((request) -> request.userName("bob")).mfaDevices()).singleElement()
				.satisfies((device) -> {
					assertThat(device.userName()).isEqualTo("bob");
					assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/bob");
				});
		}
	}

	@Test
	void listMfaDevicesWhenRootNamesAnUnknownUserThenNoSuchEntity() {
		try (IamClient root = SdkClients.iam(this.emulator.server.endpoint(),
				AwsBasicCredentials.create(ROOT.accessKeyId(), ROOT.secretAccessKey()))) {
			NoSuchEntityException error = catchThrowableOfType(NoSuchEntityException.class,
					() -> root.listMFADevices((request) -> request.userName("nobody")));
			assertThat(error.statusCode()).isEqualTo(404);
			assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody cannot be found.");
		}
	}

	@Test
	void listMfaDevicesWhenUserNameBreaksThePatternThenValidationError() {
		IamException error = iamError(() -> this.iam.listMFADevices((request) -> request.userName("no spaces")));
		assertError(error, 400, "ValidationError", "1 validation error detected: Value 'no spaces' "
				+ "at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
	}

	@Test
	void iamCallWhenActionNotEmulatedThenInvalidAction() {
		IamException error = iamError(this.iam::listUsers);
		assertError(error, 400, "InvalidAction", "Could not find operation ListUsers for version 2010-05-08");
	}

	@Test
	void iamCallWhenStsDisabledInTheRegionThenStillAnswered() {
		this.emulator.server.setDisabledRegions(Set.of("us-east-1", "aws-global"));
		assertThat(this.iam.listMFADevices().mfaDevices()).hasSize(1);
	}

	private IamClient roleIam() {
		try (StsClient sts = SdkClients.demoUser(this.emulator.server.endpoint())) {
			Credentials role = sts
				.assumeRole((request) -> request.roleArn(EmulatedRole.DEMO_ROLE_ARN).roleSessionName("session"))
				.credentials();
			return SdkClients.iam(this.emulator.server.endpoint(), SdkClients.credentials(role));
		}
	}

	private static void assertAccessDenied(IamException error, String message) {
		assertError(error, 403, "AccessDenied", message);
	}

}
