package dev.mfaportal.support;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.Totp;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * IAM users the emulator knows, each offered to the portal as a credential source whose
 * id is the user's name; the portal reaches the emulator at {@code portal.sts.endpoint}.
 */
public final class EmulatedAccounts implements CredentialSources {

	private final List<EmulatedUser> users;

	public EmulatedAccounts(List<EmulatedUser> users) {
		this.users = users;
	}

	/**
	 * A user whose key ID and secret are made from its name (up to 16 letters), with a
	 * virtual MFA device named after it: for tests that need many users and none of their
	 * keys.
	 */
	public static EmulatedUser user(String name) {
		return user(name, "AKIA" + (name.toUpperCase(Locale.ROOT) + "0".repeat(16)).substring(0, 16),
				name + "Secret/" + "0".repeat(33 - name.length()));
	}

	/** A user with a virtual MFA device named after it. */
	public static EmulatedUser user(String name, String accessKeyId, String secret) {
		return new EmulatedUser(accessKeyId, secret, "123456789012", name, false, new EmulatedMfaDevice(
				"arn:aws:iam::123456789012:mfa/" + name, "JBSWY3DPEHPK3PXPJBSWY3DP" + "EHPK3PXP"));
	}

	/** The code the device shows now. */
	public static String code(EmulatedUser user) {
		return Totp.currentCode(user.device().base32Secret(), Clock.systemUTC());
	}

	/** A well-formed code that STS would refuse now: outside the steps it accepts. */
	public static String wrongCode(EmulatedUser user, int n) {
		Set<String> valid = Set.of(code(user),
				Totp.currentCode(user.device().base32Secret(),
						Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30))),
				Totp.currentCode(user.device().base32Secret(),
						Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30))));
		for (int candidate = (100000 + n * 7919) % 1000000;; candidate = (candidate + 104729) % 1000000) {
			String text = "%06d".formatted(candidate);
			if (!valid.contains(text)) {
				return text;
			}
		}
	}

	@Override
	public List<CredentialSource> list() {
		return this.users.stream()
			.map((user) -> new CredentialSource(user.userName(), Kind.PROFILE, user.userName(),
					AccessKeys.mask(user.accessKeyId()), false, "us-east-1", user.device().serialNumber(), false))
			.toList();
	}

	@Override
	public StsCaller caller(CredentialSource source) {
		EmulatedUser user = this.users.stream()
			.filter((u) -> u.userName().equals(source.id()))
			.findFirst()
			.orElseThrow();
		return new StsCaller(source.id(), StaticCredentialsProvider
			.create(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())), "us-east-1", null);
	}

	@Override
	public List<SearchedPlace> searched() {
		return List.of();
	}

}
