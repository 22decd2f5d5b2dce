package dev.mfaportal.issuing;

import dev.mfaportal.credentialsource.TypedKey;
import dev.mfaportal.sts.StsModel;

/**
 * What the form posts. Field names are the STS parameter names; every field is text so
 * that anything a person types reaches the validator, which answers in words instead of a
 * binding error.
 *
 * @param source id of the credential source whose keys sign the call
 * @param serialNumber the MFA device ARN or hardware serial
 * @param tokenCode the 6-digit code
 * @param durationSeconds the session length in seconds
 * @param profileName the section name used in the credentials-file snippet
 * @param onceAccessKeyId with source {@code once}: the access key id typed in for this
 * call
 * @param onceSecretAccessKey with source {@code once}: its secret, used once and kept
 * nowhere
 * @param roleArn a role to assume with the code instead of a session token, or blank
 * @param roleSessionName the role session's name; blank for the caller's user name
 * @param externalId the external id the role's trust policy asks for, or blank
 * @param saveProfile whether to write the credentials as profile {@code profileName} of
 * the person's credentials file (local mode): {@code true} when the box was ticked; text
 * like every field, so that any value is simply "not ticked" instead of a binding error
 * @param serve {@code true} (the checkbox) to keep the session for the person's
 * terminals, local mode only; text for the same reason
 */
record IssueForm(String source, String serialNumber, String tokenCode, String durationSeconds, String profileName,
		String onceAccessKeyId, String onceSecretAccessKey, String roleArn, String roleSessionName, String externalId,
		String saveProfile, String serve) {

	IssueForm(String source, String serialNumber, String tokenCode, String durationSeconds, String profileName) {
		this(source, serialNumber, tokenCode, durationSeconds, profileName, null, null, null, null, null, null, null);
	}

	IssueForm(String source, String serialNumber, String tokenCode, String durationSeconds, String profileName,
			String onceAccessKeyId, String onceSecretAccessKey, String roleArn, String roleSessionName,
			String externalId) {
		this(source, serialNumber, tokenCode, durationSeconds, profileName, onceAccessKeyId, onceSecretAccessKey,
				roleArn, roleSessionName, externalId, null, null);
	}

	/**
	 * Whether the session is to be held for terminals (a role's credentials never are).
	 */
	public boolean serves() {
		return "true".equals(this.serve) && !assumesRole();
	}

	/** The key pair typed in, for a one-time source. */
	TypedKey typedKey() {
		return new TypedKey(this.onceAccessKeyId, this.onceSecretAccessKey);
	}

	public boolean savesProfile() {
		return "true".equals(this.saveProfile);
	}

	IssueForm withSaveProfile(boolean save) {
		return new IssueForm(this.source, this.serialNumber, this.tokenCode, this.durationSeconds, this.profileName,
				this.onceAccessKeyId, this.onceSecretAccessKey, this.roleArn, this.roleSessionName, this.externalId,
				save ? "true" : null, this.serve);
	}

	/** The same form with a code read from a hardware key. */
	IssueForm withTokenCode(String code) {
		return new IssueForm(this.source, this.serialNumber, code, this.durationSeconds, this.profileName,
				this.onceAccessKeyId, this.onceSecretAccessKey, this.roleArn, this.roleSessionName, this.externalId,
				this.saveProfile, this.serve);
	}

	public boolean assumesRole() {
		return this.roleArn != null && !this.roleArn.isBlank();
	}

	/**
	 * The form with a role's default duration when the person left the form's default as
	 * the page showed it: the session default (12 hours) is more than a role allows
	 * unless its MaxSessionDuration was raised, and STS would refuse it after spending
	 * the code.
	 * @param durationDefault the default the page showed (its hidden
	 * {@code durationDefault} field), or {@code null} when the duration was chosen (a
	 * renew link, a saved device)
	 */
	IssueForm withRoleDefaultDuration(String durationDefault) {
		if (!assumesRole() || durationDefault == null || !durationDefault.equals(this.durationSeconds)) {
			return this;
		}
		return new IssueForm(this.source, this.serialNumber, this.tokenCode,
				String.valueOf(StsModel.ROLE_DURATION_DEFAULT), this.profileName, this.onceAccessKeyId,
				this.onceSecretAccessKey, this.roleArn, this.roleSessionName, this.externalId, this.saveProfile,
				this.serve);
	}

	int duration() {
		return Integer.parseInt(this.durationSeconds);
	}

	@Override
	public String toString() {
		return "IssueForm[source=" + this.source + ", serialNumber=" + this.serialNumber + ", durationSeconds="
				+ this.durationSeconds + ", profileName=" + this.profileName + ", roleArn=" + this.roleArn
				+ ", saveProfile=" + this.saveProfile + ", serve=" + this.serve + "]";
	}

}
