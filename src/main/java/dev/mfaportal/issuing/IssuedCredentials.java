package dev.mfaportal.issuing;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.snippet.Snippet;
import dev.mfaportal.snippet.Usage;
import dev.mfaportal.sts.TemporaryCredentials;

/**
 * Everything the result page shows, built for one response only.
 *
 * @param credentials what STS issued
 * @param snippets every snippet format
 * @param usage commands that try the credentials-file profile, one set per shell
 * @param profileName the credentials-file section
 * @param source whose keys signed the call
 * @param serialNumber the MFA device
 * @param durationSeconds the requested duration
 * @param renewUrl the form, prefilled with the same device, duration, source and profile
 * @param assumedRoleArn for role credentials, the assumed-role ARN they act as; else
 * {@code null}
 * @param consoleUrl for role credentials, a console sign-in link (15 minutes); else
 * {@code null}
 * @param recorded whether the history (audit, attempt count) took the issue; when not,
 * the page says so and the history is written once the database is back
 */
record IssuedCredentials(TemporaryCredentials credentials, List<Snippet> snippets, List<Usage> usage,
		String profileName, CredentialSource source, String serialNumber, int durationSeconds, URI renewUrl,
		String assumedRoleArn, URI consoleUrl, boolean recorded) {

	private static final DateTimeFormatter READABLE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	/** For {@code data-expiration} and {@code <time datetime>}: ISO-8601 in UTC. */
	public String expirationIso() {
		return DateTimeFormatter.ISO_INSTANT.format(this.credentials.expiration());
	}

	public String expirationUtc() {
		return READABLE_UTC.format(this.credentials.expiration());
	}

	@Override
	public String toString() {
		return "IssuedCredentials[" + this.credentials + ", source=" + this.source.id() + "]";
	}

}
