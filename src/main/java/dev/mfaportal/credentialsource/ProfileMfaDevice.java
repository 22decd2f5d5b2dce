package dev.mfaportal.credentialsource;

/**
 * An {@code mfa_serial} found in the AWS config, offered as a device to save.
 *
 * @param profileName the profile that names it
 * @param serialNumber the MFA device
 * @param sourceId the credential source whose keys go with it (the profile itself, or its
 * {@code source_profile}), or {@code null} when neither holds static keys
 */
public record ProfileMfaDevice(String profileName, String serialNumber, String sourceId) {

}
