package dev.mfaportal.sts;

/**
 * An AssumeRole call with the MFA code, values already checked against the STS model.
 *
 * @param roleArn the role
 * @param roleSessionName the session name, shown in CloudTrail and in the assumed-role
 * ARN
 * @param externalId the external id the role's trust policy asks for, or {@code null}
 * @param serialNumber the MFA device
 * @param tokenCode the code
 * @param durationSeconds the requested duration
 * @param trail the source identity and session tags that name the member (team mode), or
 * {@link MemberTrail#NONE}
 */
public record RoleRequest(String roleArn, String roleSessionName, String externalId, String serialNumber,
		String tokenCode, int durationSeconds, MemberTrail trail) {

	public RoleRequest {
		trail = (trail != null) ? trail : MemberTrail.NONE;
	}

	/** A request that names no member. */
	public RoleRequest(String roleArn, String roleSessionName, String externalId, String serialNumber, String tokenCode,
			int durationSeconds) {
		this(roleArn, roleSessionName, externalId, serialNumber, tokenCode, durationSeconds, MemberTrail.NONE);
	}

	@Override
	public String toString() {
		return "RoleRequest[roleArn=" + this.roleArn + ", roleSessionName=" + this.roleSessionName + ", serialNumber="
				+ this.serialNumber + ", tokenCode=******, durationSeconds=" + this.durationSeconds
				+ ", sourceIdentity=" + this.trail.sourceIdentity() + "]";
	}

}
