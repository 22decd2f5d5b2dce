package dev.mfaportal.issuing;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.sts.TemporaryCredentials;

/**
 * The person ticked "Keep this session for my terminals": whoever serves terminals (local
 * mode only) may hold these credentials in memory. The only issuing event that carries
 * credentials, so no listener but that one may take it; {@link #toString()} masks them as
 * {@link TemporaryCredentials} does.
 *
 * @param credentials the MFA session that GetSessionToken issued
 * @param source whose long-term keys it came from
 * @param serialNumber the MFA device whose code issued it
 * @param longTermKeyId the access key id of the long-term key that signed the call
 * (public), or {@code null} when not known
 */
public record ServeRequested(TemporaryCredentials credentials, CredentialSource source, String serialNumber,
		String longTermKeyId) {

}
