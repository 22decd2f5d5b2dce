package dev.mfaportal.emulator;

/**
 * {@code GetCallerIdentity}: who the signing key belongs to. GetSessionToken credentials
 * report their user, exactly as long-term keys do; AssumeRole credentials the
 * assumed-role session.
 */
final class GetCallerIdentityAction {

	String handle(Caller caller, String requestId) {
		return StsXml.success("GetCallerIdentity", requestId,
				(xml) -> xml.element("Arn", caller.arn())
					.element("UserId", caller.userId())
					.element("Account", caller.account()));
	}

}
