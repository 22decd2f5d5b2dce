package dev.mfaportal.sts;

/**
 * Credentials of an assumed role, and who they act as.
 *
 * @param credentials the temporary credentials
 * @param assumedRoleArn such as
 * {@code arn:aws:sts::123456789012:assumed-role/admin/alice}
 */
public record RoleCredentials(TemporaryCredentials credentials, String assumedRoleArn) {

}
