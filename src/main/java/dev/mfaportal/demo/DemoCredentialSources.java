package dev.mfaportal.demo;

import java.net.URI;
import java.util.List;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The emulator's demo user, and nothing from the machine's own AWS setup.
 */
class DemoCredentialSources implements CredentialSources {

	static final String REGION = "us-east-1";

	private final CredentialSource source;

	private final StsCaller caller;

	DemoCredentialSources(URI emulator) {
		EmulatedUser user = EmulatedUser.demo();
		this.source = new CredentialSource("demo", Kind.DEMO, user.userName(), AccessKeys.mask(user.accessKeyId()),
				false, REGION, EmulatedMfaDevice.DEMO_SERIAL_NUMBER, true);
		this.caller = new StsCaller("demo", StaticCredentialsProvider
			.create(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())), REGION, emulator);
	}

	@Override
	public List<CredentialSource> list() {
		return List.of(this.source);
	}

	@Override
	public StsCaller caller(CredentialSource source) {
		return this.caller;
	}

	/**
	 * The demo role that requires MFA, as a person's config would name it: the terminal
	 * endpoint serves it from a held demo session without a second code.
	 */
	@Override
	public List<RoleProfile> roleProfiles() {
		return List.of(new RoleProfile("demo-mfa-admin", EmulatedRole.DEMO_MFA_ROLE_ARN, this.source.id(),
				EmulatedMfaDevice.DEMO_SERIAL_NUMBER, null, null, null));
	}

	@Override
	public List<SearchedPlace> searched() {
		return List.of();
	}

}
