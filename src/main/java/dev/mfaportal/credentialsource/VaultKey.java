package dev.mfaportal.credentialsource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.mfaportal.sts.AccessKeys;

/**
 * A key in the vault, without its secret.
 *
 * @param id the vault's id for it, stable across restarts
 * @param label the name it was stored under; a moved profile keeps its name, so that
 * {@code ~/.aws/config} still applies to it
 * @param accessKeyId the access key id (not a secret: CloudTrail records it)
 * @param storedAt when it was stored or last replaced
 */
public record VaultKey(String id, String label, String accessKeyId, Instant storedAt) {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	/** When it was stored, for the page. */
	public String storedUtc() {
		return UTC.format(this.storedAt);
	}

	public String maskedAccessKeyId() {
		return AccessKeys.mask(this.accessKeyId);
	}

}
