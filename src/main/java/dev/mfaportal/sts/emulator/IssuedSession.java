package dev.mfaportal.sts.emulator;

import java.time.Instant;

/**
 * Temporary credentials the emulator handed out; GetSessionToken credentials act as their user.
 */
record IssuedSession(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
		EmulatedUser user) {

	boolean expiredAt(Instant now) {
		return !now.isBefore(this.expiration);
	}

	@Override
	public String toString() {
		return "IssuedSession[accessKeyId=" + this.accessKeyId + ", expiration=" + this.expiration + ", user="
				+ this.user.arn() + "]";
	}

}
