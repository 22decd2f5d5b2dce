package dev.mfaportal.emulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * IAM's {@code CreateAccessKey}, {@code DeleteAccessKey} and {@code ListAccessKeys} for
 * the caller's own user, granted as AWS's documented "force MFA" policy grants them: a
 * user may list their keys with any of their credentials, but create or delete one only
 * with an MFA session; a role may do none of it, and users the settings deny IAM get
 * {@code AccessDenied} for all three.
 */
final class AccessKeyActions {

	private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ISO_INSTANT;

	private final EmulatedAccessKeys keys;

	AccessKeyActions(EmulatedAccessKeys keys) {
		this.keys = keys;
	}

	String create(Caller caller, EmulatorSettings settings, Map<String, String> parameters, Instant now,
			String requestId) {
		EmulatedUser user = self(caller, settings, parameters, "iam:CreateAccessKey", true);
		EmulatedAccessKeys.Key key = this.keys.create(user, now);
		return StsXml.success(StsXml.IAM_NAMESPACE, "CreateAccessKey", requestId,
				(xml) -> xml.open("AccessKey")
					.element("UserName", user.userName())
					.element("AccessKeyId", key.accessKeyId())
					.element("Status", "Active")
					.element("SecretAccessKey", key.secretAccessKey())
					.element("CreateDate", CREATE_DATE.format(key.createDate()))
					.close());
	}

	String delete(Caller caller, EmulatorSettings settings, Map<String, String> parameters, String requestId) {
		String accessKeyId = parameters.get("AccessKeyId");
		new ValidationErrors().required("accessKeyId", accessKeyId)
			.text("accessKeyId", accessKeyId, 16, 128, "[\\w]+")
			.throwIfAny();
		EmulatedUser user = self(caller, settings, parameters, "iam:DeleteAccessKey", true);
		this.keys.delete(user, accessKeyId);
		return StsXml.success(StsXml.IAM_NAMESPACE, "DeleteAccessKey", requestId, (xml) -> {
		});
	}

	String list(Caller caller, EmulatorSettings settings, Map<String, String> parameters, String requestId) {
		EmulatedUser user = self(caller, settings, parameters, "iam:ListAccessKeys", false);
		return StsXml.success(StsXml.IAM_NAMESPACE, "ListAccessKeys", requestId, (xml) -> {
			xml.open("AccessKeyMetadata");
			for (EmulatedAccessKeys.Key key : this.keys.of(user)) {
				xml.open("member")
					.element("UserName", user.userName())
					.element("AccessKeyId", key.accessKeyId())
					.element("Status", "Active")
					.element("CreateDate", CREATE_DATE.format(key.createDate()))
					.close();
			}
			xml.close().element("IsTruncated", "false");
		});
	}

	/**
	 * The caller's own IAM user, when the policy lets it act: no role, not denied IAM,
	 * its own user only, and an MFA session for a change.
	 */
	private static EmulatedUser self(Caller caller, EmulatorSettings settings, Map<String, String> parameters,
			String action, boolean change) {
		String userName = parameters.get("UserName");
		EmulatedUser user = caller.user();
		String resource = "user " + ((userName != null) ? userName : user.userName());
		if (caller.assumedRole() != null || user.root() || settings.iamDeniedUsers().contains(user.userName())
				|| (userName != null && !userName.equals(user.userName()))) {
			throw StsError.accessDenied(
					"User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resource);
		}
		if (change && !caller.mfaAuthenticated()) {
			throw StsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + action
					+ " on resource: " + resource + " with an explicit deny in an identity-based policy");
		}
		return user;
	}

}
