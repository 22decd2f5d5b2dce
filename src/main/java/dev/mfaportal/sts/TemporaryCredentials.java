package dev.mfaportal.sts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Credentials that STS issued. They live only in the response that shows them, so
 * {@link #toString()} never prints the secret parts: a stray log line can't leak them.
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
		Instant expiration) {

	public TemporaryCredentials {
		expiration = expiration.truncatedTo(ChronoUnit.SECONDS);
	}

	@Override
	public String toString() {
		return "TemporaryCredentials[accessKeyId=" + AccessKeys.mask(this.accessKeyId) + ", expiration="
				+ this.expiration + "]";
	}

}
