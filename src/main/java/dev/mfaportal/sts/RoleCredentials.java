package dev.mfaportal.sts;

/**
 * Credentials of an assumed role, and who they act as.
 *
 * @param credentials the temporary credentials
 * @param assumedRoleArn such as
 * {@code arn:aws:sts::123456789012:assumed-role/admin/alice}
 * @param assumedRoleId the role's unique id and the session name, such as
 * {@code AROA3XFRBF535PLBIFPI4:alice}: CloudTrail's {@code principalId}; {@code null}
 * when not known
 */
public record RoleCredentials(TemporaryCredentials credentials, String assumedRoleArn, String assumedRoleId) {

	public RoleCredentials(TemporaryCredentials credentials, String assumedRoleArn) {
		this(credentials, assumedRoleArn, null);
	}

}
