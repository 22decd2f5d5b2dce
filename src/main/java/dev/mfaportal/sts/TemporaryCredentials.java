package dev.mfaportal.sts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Credentials that STS issued. They live only in the response that shows them, so
 * {@link #toString()} never prints the secret parts: a stray log line can't leak them.
 * <p>
 * The access key id and the request id are public identifiers, what CloudTrail records:
 * the request id on the STS call itself, the key id on every call made with the
 * credentials.
 *
 * @param requestId STS's request id for the call that issued them, or {@code null} when
 * not known
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
		String requestId) {

	public TemporaryCredentials {
		expiration = expiration.truncatedTo(ChronoUnit.SECONDS);
	}

	public TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
		this(accessKeyId, secretAccessKey, sessionToken, expiration, null);
	}

	@Override
	public String toString() {
		return "TemporaryCredentials[accessKeyId=" + AccessKeys.mask(this.accessKeyId) + ", expiration="
				+ this.expiration + ", requestId=" + this.requestId + "]";
	}

}
