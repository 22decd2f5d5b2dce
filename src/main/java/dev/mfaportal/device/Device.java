package dev.mfaportal.device;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A saved MFA device, one row of {@code mfa_device}.
 *
 * @param id its id, 0 before it is stored
 * @param owner whose device it is ({@link dev.mfaportal.security.Actor#current()})
 * @param label the name its owner gave it, unique per owner
 * @param serialNumber the MFA device ARN or hardware serial
 * @param durationSeconds the default session length
 * @param profileName the default credentials-file profile name
 * @param sourceId the credential source to preselect, or {@code null}
 * @param createdAt when it was saved
 * @param lastUsedAt when credentials were last issued with its serial number, or
 * {@code null}
 * @param roleArn a role to assume with its code, or {@code null}
 * @param roleSessionName that role session's name, or {@code null} for the caller's user
 * name
 * @param externalId the external id the role asks for, or {@code null}
 * @param saveProfile whether the issuing form ticks "Save as profile" for it
 * @param ykmanAccount its account's name on a YubiKey, or {@code null} for the serial
 * number
 */
record Device(long id, String owner, String label, String serialNumber, int durationSeconds, String profileName,
		String sourceId, Instant createdAt, Instant lastUsedAt, String roleArn, String roleSessionName,
		String externalId, boolean saveProfile, String ykmanAccount) {

	/** A device whose YubiKey account, if any, is named by its serial number. */
	Device(long id, String owner, String label, String serialNumber, int durationSeconds, String profileName,
			String sourceId, Instant createdAt, Instant lastUsedAt, String roleArn, String roleSessionName,
			String externalId, boolean saveProfile) {
		this(id, owner, label, serialNumber, durationSeconds, profileName, sourceId, createdAt, lastUsedAt, roleArn,
				roleSessionName, externalId, saveProfile, null);
	}

	/** A device that saves no profile. */
	Device(long id, String owner, String label, String serialNumber, int durationSeconds, String profileName,
			String sourceId, Instant createdAt, Instant lastUsedAt, String roleArn, String roleSessionName,
			String externalId) {
		this(id, owner, label, serialNumber, durationSeconds, profileName, sourceId, createdAt, lastUsedAt, roleArn,
				roleSessionName, externalId, false);
	}

	/** A device that assumes no role. */
	Device(long id, String owner, String label, String serialNumber, int durationSeconds, String profileName,
			String sourceId, Instant createdAt, Instant lastUsedAt) {
		this(id, owner, label, serialNumber, durationSeconds, profileName, sourceId, createdAt, lastUsedAt, null, null,
				null);
	}

	static final DateTimeFormatter READABLE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	/** For the list page, or {@code null} when never used. */
	public String lastUsedUtc() {
		return (this.lastUsedAt != null) ? READABLE_UTC.format(this.lastUsedAt) : null;
	}

}
