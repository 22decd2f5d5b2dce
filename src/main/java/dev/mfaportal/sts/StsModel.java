package dev.mfaportal.sts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape STS accepts for each GetSessionToken parameter (botocore's STS model), and
 * the shape of an MFA device ARN.
 */
public final class StsModel {

	public static final int SERIAL_MIN = 9;

	public static final int SERIAL_MAX = 256;

	public static final Pattern SERIAL_CHARACTERS = Pattern.compile("[\\w+=/:,.@-]*");

	public static final Pattern MFA_ARN = Pattern.compile("arn:aws[-a-z]*:iam::\\d{12}:mfa/[\\w+=,.@/-]+");

	public static final Pattern USER_ARN = Pattern
		.compile("arn:(aws[-a-z]*):iam::(\\d{12}):user/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");

	public static final Pattern TOKEN_CODE = Pattern.compile("\\d{6}");

	public static final int DURATION_MIN = 900;

	public static final int DURATION_MAX = 129600;

	/** 15 min, 1 h, 4 h, 8 h, 12 h (STS's default) and 36 h (its maximum). */
	public static final List<Integer> DURATION_PRESETS = List.of(900, 3600, 14400, 28800, 43200, 129600);

	public static final int ROOT_DURATION_MAX = 3600;

	public static final int ROLE_DURATION_MAX = 43200;

	/**
	 * What the AWS CLI and the SDKs ask AssumeRole for when no duration is given: within
	 * the MaxSessionDuration every role has (IAM's default is one hour).
	 */
	public static final int ROLE_DURATION_DEFAULT = 3600;

	public static final Pattern ROLE_ARN = Pattern.compile("arn:aws[-a-z]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

	public static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

	public static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

	/**
	 * The one rule for profile names (the form, the snippets, the profile writer): what
	 * the AWS CLI and the SDKs both read back and {@code --profile} takes. The Java SDK's
	 * profile reader skips a section whose name has anything but
	 * {@code [A-Za-z0-9_\-/.%@:+]} (botocore's configparser takes any); of those,
	 * {@code %} is left out, since the Windows prompt expands it in the "try it" lines,
	 * and a leading {@code -}, which the CLI takes for an option.
	 */
	public static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_+.@:/][A-Za-z0-9_+.@:/-]{0,63}");

	private StsModel() {
	}

	/** Whether the name passes {@link #PROFILE_NAME}. */
	public static boolean isProfileName(String name) {
		return name != null && PROFILE_NAME.matcher(name).matches();
	}

	/**
	 * The MFA device ARN that an IAM user ARN was probably meant to be: a virtual device
	 * is usually named after its user.
	 */
	public static Optional<String> mfaArnForUserArn(String value) {
		Matcher user = USER_ARN.matcher(value);
		if (!user.matches()) {
			return Optional.empty();
		}
		return Optional.of("arn:" + user.group(1) + ":iam::" + user.group(2) + ":mfa/" + user.group(3));
	}

}
