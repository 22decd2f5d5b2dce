package dev.mfaportal.sts;

import java.util.regex.Matcher;

/**
 * Who a set of keys belongs to, from GetCallerIdentity.
 *
 * @param account the account id
 * @param arn the caller's ARN
 * @param userId the unique id
 */
public record CallerIdentity(String account, String arn, String userId) {

	/**
	 * Whether the keys are the account root user's, whose sessions last at most an hour.
	 */
	public boolean root() {
		return this.arn != null && this.arn.endsWith(":root");
	}

	/** The IAM user's name, or {@code null} when the caller is not an IAM user. */
	public String userName() {
		Matcher user = StsModel.USER_ARN.matcher((this.arn != null) ? this.arn : "");
		return user.matches() ? user.group(3) : null;
	}

	/**
	 * The ARN a virtual MFA device named after the user would have (the validator's
	 * suggestion).
	 */
	public String suggestedMfaArn() {
		if (this.arn == null) {
			return null;
		}
		if (root()) {
			return "arn:" + this.arn.split(":")[1] + ":iam::" + this.account + ":mfa/root-account-mfa-device";
		}
		return StsModel.mfaArnForUserArn(this.arn).orElse(null);
	}

}
