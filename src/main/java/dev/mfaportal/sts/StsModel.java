package dev.mfaportal.issuing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape STS accepts for each GetSessionToken parameter (botocore's STS model), and the
 * shape of an MFA device ARN.
 */
final class StsModel {

	static final int SERIAL_MIN = 9;

	static final int SERIAL_MAX = 256;

	static final Pattern SERIAL_CHARACTERS = Pattern.compile("[\\w+=/:,.@-]*");

	static final Pattern MFA_ARN = Pattern.compile("arn:aws[-a-z]*:iam::\\d{12}:mfa/[\\w+=,.@/-]+");

	static final Pattern USER_ARN = Pattern.compile("arn:(aws[-a-z]*):iam::(\\d{12}):user/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");

	static final Pattern TOKEN_CODE = Pattern.compile("\\d{6}");

	static final int DURATION_MIN = 900;

	static final int DURATION_MAX = 129600;

	/** 15 min, 1 h, 4 h, 8 h, 12 h (STS's default) and 36 h (its maximum). */
	static final List<Integer> DURATION_PRESETS = List.of(900, 3600, 14400, 28800, 43200, 129600);

	static final int ROOT_DURATION_MAX = 3600;

	static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

	private StsModel() {
	}

	/**
	 * The MFA device ARN that an IAM user ARN was probably meant to be: a virtual device is
	 * usually named after its user.
	 */
	static Optional<String> mfaArnForUserArn(String value) {
		Matcher user = USER_ARN.matcher(value);
		if (!user.matches()) {
			return Optional.empty();
		}
		return Optional.of("arn:" + user.group(1) + ":iam::" + user.group(2) + ":mfa/" + user.group(3));
	}

}
