package dev.mfaportal.terminal;

import java.time.Instant;

/**
 * A role profile's credentials were assumed from the held session for a terminal, or STS
 * refused them. Holds no secret.
 *
 * @param at when STS answered
 * @param actor whose portal it is
 * @param profile the role profile
 * @param roleArn the role
 * @param source the credential source the held session came from
 * @param maskedAccessKeyId the held session's key, masked
 * @param serialNumber the MFA device whose code issued the held session
 * @param durationSeconds the requested duration
 * @param expiresAt when the role's credentials expire, or {@code null} when refused
 * @param errorCode STS's error code when refused, else {@code null}
 * @param clientAddress the program's address
 * @param stsRequestId STS's request id for the AssumeRole call, or {@code null} when STS
 * said nothing
 * @param accessKeyId the role credentials' access key id when issued, else {@code null}
 * @param assumedRoleId the assumed-role id when issued, else {@code null}
 */
public record RoleServed(Instant at, String actor, String profile, String roleArn, String source,
		String maskedAccessKeyId, String serialNumber, int durationSeconds, Instant expiresAt, String errorCode,
		String clientAddress, String stsRequestId, String accessKeyId, String assumedRoleId) {

	public boolean issued() {
		return this.errorCode == null;
	}

}
