package dev.mfaportal.sts.emulator;

/**
 * {@code GetCallerIdentity}: who the signing key belongs to. GetSessionToken credentials report their
 * user, exactly as long-term keys do.
 */
final class GetCallerIdentityAction {

	String handle(Caller caller, String requestId) {
		EmulatedUser user = caller.user();
		return StsXml.success("GetCallerIdentity", requestId, (xml) -> xml.element("Arn", user.arn())
			.element("UserId", user.userId())
			.element("Account", user.account()));
	}

}
