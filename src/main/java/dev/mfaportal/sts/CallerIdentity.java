package dev.mfaportal.sts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a set of keys belongs to, from GetCallerIdentity.
 *
 * @param account the account id
 * @param arn the caller's ARN
 * @param userId the unique id
 */
public record CallerIdentity(String account, String arn, String userId) {

	private static final Pattern USER = Pattern.compile("arn:(aws[-a-z]*):iam::(\\d{12}):user/(?:.*/)?([^/]+)");

	/** Whether the keys are the account root user's, whose sessions last at most an hour. */
	public boolean root() {
		return this.arn != null && this.arn.endsWith(":root");
	}

	/** The IAM user's name, or {@code null} when the caller is not an IAM user. */
	public String userName() {
		Matcher user = USER.matcher((this.arn != null) ? this.arn : "");
		return user.matches() ? user.group(3) : null;
	}

	/** The ARN a virtual MFA device named after the user would have. */
	public String suggestedMfaArn() {
		Matcher user = USER.matcher((this.arn != null) ? this.arn : "");
		if (user.matches()) {
			return "arn:" + user.group(1) + ":iam::" + user.group(2) + ":mfa/" + user.group(3);
		}
		if (root()) {
			return "arn:" + this.arn.split(":")[1] + ":iam::" + this.account + ":mfa/root-account-mfa-device";
		}
		return null;
	}

}
