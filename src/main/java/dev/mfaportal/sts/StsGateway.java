package dev.mfaportal.sts;

/**
 * The one way into STS.
 */
public interface StsGateway {

	/**
	 * Calls GetSessionToken once; a call that may have reached STS is never repeated,
	 * because STS refuses an MFA code it has already seen.
	 * @param caller whose keys sign the call
	 * @param request the MFA device, the code and the duration
	 * @return the issued credentials
	 * @throws StsCallException with the reason when STS or the way to it fails
	 */
	TemporaryCredentials getSessionToken(StsCaller caller, SessionTokenRequest request);

	/**
	 * Calls AssumeRole with the MFA code, once, like {@link #getSessionToken}.
	 * @param caller whose long-term keys sign the call
	 * @param request the role, the session name, the device, the code and the duration
	 * @return the role's credentials
	 * @throws StsCallException with the reason when STS gives none
	 */
	RoleCredentials assumeRole(StsCaller caller, RoleRequest request);

	/**
	 * Calls GetCallerIdentity, which carries no code and needs no permission.
	 * @param caller whose keys to identify
	 * @return the account, ARN and user id
	 * @throws StsCallException when the keys don't work
	 */
	CallerIdentity callerIdentity(StsCaller caller);

}
