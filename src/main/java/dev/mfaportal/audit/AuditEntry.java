package dev.mfaportal.audit;

import java.time.Instant;

/**
 * One row of {@code audit_event}. Every field but {@code occurredAt}, {@code actor} and
 * {@code outcome} may be {@code null}.
 *
 * @param id the row's id, {@code null} before it is stored
 * @param occurredAt when it happened
 * @param actor whose history it belongs to
 * @param source the credential source's name; for {@link Outcome#DEVICE_UNLOCKED}, who
 * unlocked the device
 * @param accessKeyMasked the long-term access key, masked
 * @param serialNumber the MFA device, as typed
 * @param deviceLabel the name of the saved device
 * @param durationSeconds the requested session length
 * @param outcome what happened
 * @param errorCode for {@link Outcome#FAILED}, STS's error code, or the portal's
 * {@link dev.mfaportal.sts.StsFailure} name when STS said nothing
 * @param expiresAt for {@link Outcome#ISSUED}, when the credentials expire
 * @param clientAddress the browser's address
 * @param target for an account action, the member it was done to
 * @param ids what CloudTrail knows the call by; {@link CloudTrailIds#NONE} for rows of no
 * STS call
 */
record AuditEntry(Long id, Instant occurredAt, String actor, String source, String accessKeyMasked, String serialNumber,
		String deviceLabel, Integer durationSeconds, Outcome outcome, String errorCode, Instant expiresAt,
		String clientAddress, String target, CloudTrailIds ids) {

	AuditEntry {
		ids = (ids != null) ? ids : CloudTrailIds.NONE;
	}

	/** A row of an STS call: done to no one else. */
	AuditEntry(Long id, Instant occurredAt, String actor, String source, String accessKeyMasked, String serialNumber,
			String deviceLabel, Integer durationSeconds, Outcome outcome, String errorCode, Instant expiresAt,
			String clientAddress, CloudTrailIds ids) {
		this(id, occurredAt, actor, source, accessKeyMasked, serialNumber, deviceLabel, durationSeconds, outcome,
				errorCode, expiresAt, clientAddress, null, ids);
	}

	/** An account action's row: no STS call. */
	AuditEntry(Long id, Instant occurredAt, String actor, String source, String accessKeyMasked, String serialNumber,
			String deviceLabel, Integer durationSeconds, Outcome outcome, String errorCode, Instant expiresAt,
			String clientAddress, String target) {
		this(id, occurredAt, actor, source, accessKeyMasked, serialNumber, deviceLabel, durationSeconds, outcome,
				errorCode, expiresAt, clientAddress, target, CloudTrailIds.NONE);
	}

	/** A row that was done to no one else and made no STS call. */
	AuditEntry(Long id, Instant occurredAt, String actor, String source, String accessKeyMasked, String serialNumber,
			String deviceLabel, Integer durationSeconds, Outcome outcome, String errorCode, Instant expiresAt,
			String clientAddress) {
		this(id, occurredAt, actor, source, accessKeyMasked, serialNumber, deviceLabel, durationSeconds, outcome,
				errorCode, expiresAt, clientAddress, null, CloudTrailIds.NONE);
	}

}
