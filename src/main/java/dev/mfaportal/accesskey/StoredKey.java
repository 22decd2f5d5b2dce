package dev.mfaportal.accesskey;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.mfaportal.sts.AccessKeys;

/**
 * A member's stored access key, without its secret: one row of {@code access_key} as
 * pages and the credential source list see it.
 *
 * @param id its id
 * @param owner whose key it is ({@link dev.mfaportal.security.Actor#current()})
 * @param label the name its owner gave it, unique per owner
 * @param accessKeyId the access key id, {@code AKIA…}; shown only masked
 * @param createdAt when it was stored
 * @param lastUsedAt when it last signed a call that gave credentials, or {@code null}
 */
record StoredKey(long id, String owner, String label, String accessKeyId, Instant createdAt, Instant lastUsedAt) {

	static final DateTimeFormatter READABLE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	public String maskedAccessKeyId() {
		return AccessKeys.mask(this.accessKeyId);
	}

	public String createdUtc() {
		return READABLE_UTC.format(this.createdAt);
	}

	/** For the list page, or {@code null} when never used. */
	public String lastUsedUtc() {
		return (this.lastUsedAt != null) ? READABLE_UTC.format(this.lastUsedAt) : null;
	}

	@Override
	public String toString() {
		return "StoredKey[id=" + this.id + ", owner=" + this.owner + ", label=" + this.label + ", accessKeyId="
				+ maskedAccessKeyId() + ", createdAt=" + this.createdAt + ", lastUsedAt=" + this.lastUsedAt + "]";
	}

}
