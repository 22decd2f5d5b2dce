package dev.mfaportal.credentialsource;

/**
 * A place that holds long-term keys, as the form lists it. Holds no secret.
 *
 * @param id stable id, the form's {@code source} value
 * @param kind where the keys are
 * @param name the profile name, or a short name for other kinds
 * @param maskedAccessKeyId such as {@code AKIA…WXYZ}
 * @param sessionCredentials whether it holds a session token, which GetSessionToken
 * refuses
 * @param region the region calls from it are signed for
 * @param mfaSerial the {@code mfa_serial} its profile (or a role profile built on it)
 * names, or {@code null}
 * @param shellDefault whether this is what the person's shell would use without
 * {@code --profile}
 */
public record CredentialSource(String id, Kind kind, String name, String maskedAccessKeyId, boolean sessionCredentials,
		String region, String mfaSerial, boolean shellDefault) {

	/** Where the keys come from. */
	public enum Kind {

		/** {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}. */
		ENVIRONMENT,
		/** A named profile in the credentials or config file. */
		PROFILE,
		/** The demo's emulated IAM user. */
		DEMO,
		/** A team member's access key, stored encrypted by the portal. */
		STORED_KEY,
		/** A key pair typed into the form for one call and kept nowhere. */
		ONE_TIME,
		/** A key in local mode's vault (the OS keychain or the encrypted file). */
		VAULT

	}

	/** The message that names this source in a list, with its name as argument {0}. */
	public String labelKey() {
		return switch (this.kind) {
			case ENVIRONMENT -> "form.source.option.environment";
			case PROFILE -> "form.source.option.profile";
			case DEMO -> "form.source.option.demo";
			case STORED_KEY -> "accesskey.source.option";
			case ONE_TIME -> "form.source.option.once";
			case VAULT -> "form.source.option.vault";
		};
	}

}
