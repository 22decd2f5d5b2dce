package dev.mfaportal.credentialsource;

/**
 * A role profile of the AWS config: {@code role_arn} with a {@code source_profile} whose
 * keys sign the AssumeRole call. Holds no secret.
 *
 * @param name the profile name
 * @param roleArn its {@code role_arn}
 * @param sourceId the credential source of its {@code source_profile} (the id the form
 * uses), or {@code null} when that profile holds no static keys
 * @param mfaSerial its {@code mfa_serial}, or {@code null}
 * @param externalId its {@code external_id}, or {@code null}
 * @param roleSessionName its {@code role_session_name}, or {@code null}
 * @param durationSeconds its {@code duration_seconds}, or {@code null} when absent or not
 * a number
 */
public record RoleProfile(String name, String roleArn, String sourceId, String mfaSerial, String externalId,
		String roleSessionName, Integer durationSeconds) {

}
