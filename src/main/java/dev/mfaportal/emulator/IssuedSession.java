package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Temporary credentials the emulator handed out. GetSessionToken credentials act as their
 * user; AssumeRole credentials as {@code assumedRole}, which is {@code null} for the
 * former. {@code mfaAuthenticated} is the {@code aws:MultiFactorAuthPresent} they carry:
 * issued with a code, or by a request signed with credentials that carried it. A role
 * session's {@code context} is the source identity and session tags it was issued with
 * ({@link SessionContext#NONE} for GetSessionToken's).
 */
record IssuedSession(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
		EmulatedUser user, AssumedRoleUser assumedRole, boolean mfaAuthenticated, SessionContext context) {

	boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiration);
	}

	/** Compared in constant time: the token is a secret. */
	boolean hasSessionToken(String token) {
		return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				this.sessionToken.getBytes(StandardCharsets.UTF_8));
	}

	boolean hasSecretAccessKey(String secret) {
		return secret != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
				this.secretAccessKey.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "IssuedSession[accessKeyId=" + this.accessKeyId + ", expiration=" + this.expiration + ", user="
				+ this.user.arn() + ", assumedRole=" + ((this.assumedRole != null) ? this.assumedRole.arn() : null)
				+ ", mfaAuthenticated=" + this.mfaAuthenticated + ", context=" + this.context + "]";
	}

}
