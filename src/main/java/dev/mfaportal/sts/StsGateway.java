package dev.mfaportal.sts;

/**
 * The one way into STS.
 */
public interface StsGateway {

	/**
	 * Calls GetSessionToken once; a call that may have reached STS is never repeated, because
	 * STS refuses an MFA code it has already seen.
	 * @param caller whose keys sign the call
	 * @param request the MFA device, the code and the duration
	 * @return the issued credentials
	 * @throws StsCallException with the reason when STS or the way to it fails
	 */
	TemporaryCredentials getSessionToken(StsCaller caller, SessionTokenRequest request);

}
