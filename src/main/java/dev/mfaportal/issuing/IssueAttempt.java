package dev.mfaportal.issuing;

import java.time.Instant;

/**
 * What every issuing event says about the attempt. Holds no secret and no MFA code.
 *
 * @param at when the attempt was answered
 * @param actor who made it
 * @param source the credential source's name (profile, environment, key label)
 * @param maskedAccessKeyId the long-term key, masked
 * @param serialNumber the MFA device, as typed (it may be invalid for a rejected attempt)
 * @param deviceLabel the label of the actor's saved device with this serial number, or
 * {@code null}
 * @param durationSeconds the requested duration, or {@code null} when it was not a number
 * @param clientAddress the browser's address
 * @param roleArn the role asked for, or {@code null} for a session token
 */
public record IssueAttempt(Instant at, String actor, String source, String maskedAccessKeyId, String serialNumber,
		String deviceLabel, Integer durationSeconds, String clientAddress, String roleArn) {

	public IssueAttempt(Instant at, String actor, String source, String maskedAccessKeyId, String serialNumber,
			String deviceLabel, Integer durationSeconds, String clientAddress) {
		this(at, actor, source, maskedAccessKeyId, serialNumber, deviceLabel, durationSeconds, clientAddress, null);
	}

}
