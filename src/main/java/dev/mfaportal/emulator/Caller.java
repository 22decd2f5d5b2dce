package dev.mfaportal.emulator;

/**
 * Who signed a request, once the signature is verified.
 *
 * @param user the long-term identity behind the request: the key's owner, or whoever
 * asked for the temporary credentials that signed it
 * @param accessKeyId the key that signed it
 * @param sessionCredentials whether that key is one the emulator issued
 * @param assumedRole the role the key acts as, or {@code null} unless AssumeRole issued
 * it
 * @param mfaAuthenticated whether the key is session credentials issued with MFA
 * ({@code aws:MultiFactorAuthPresent}); long-term keys never are
 */
record Caller(EmulatedUser user, String accessKeyId, boolean sessionCredentials, AssumedRoleUser assumedRole,
		boolean mfaAuthenticated) {

	/**
	 * The ARN AWS names the caller by, in GetCallerIdentity and in AccessDenied messages.
	 */
	String arn() {
		return (this.assumedRole != null) ? this.assumedRole.arn() : this.user.arn();
	}

	String userId() {
		return (this.assumedRole != null) ? this.assumedRole.assumedRoleId() : this.user.userId();
	}

	String account() {
		return (this.assumedRole != null) ? this.assumedRole.role().account() : this.user.account();
	}

}
