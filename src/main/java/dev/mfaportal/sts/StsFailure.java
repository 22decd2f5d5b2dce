package dev.mfaportal.sts;

import java.util.Locale;

/**
 * Why a call to STS did not give credentials, in terms a person can act on. Each one has
 * a message {@code sts.failure.<name>} in every language.
 */
public enum StsFailure {

	/** Wrong, expired or reused MFA code. */
	INVALID_CODE,
	/** The MFA device is not the caller's. */
	SERIAL_NOT_ASSOCIATED,
	/** STS refused the duration. */
	DURATION_OUT_OF_RANGE,
	/** The duration is longer than the role's MaxSessionDuration. */
	ROLE_DURATION_TOO_LONG,
	/** A role assumed with a role's credentials is limited to one hour. */
	ROLE_CHAINING_LIMIT,
	/** The keys may not assume the role (or it doesn't exist). */
	ROLE_NOT_ASSUMABLE,
	/**
	 * The role's trust policy doesn't allow {@code sts:SetSourceIdentity} or
	 * {@code sts:TagSession}, which team mode sends to name the member in CloudTrail.
	 */
	MEMBER_NAME_NOT_TRUSTED,
	/** The long-term keys are in fact session credentials. */
	SESSION_CREDENTIALS,
	/** No long-term keys could be loaded. */
	NO_CREDENTIALS,
	/**
	 * The AWS SDK refuses the person's AWS config or credentials file (the CLI is more
	 * lenient): found before the code is admitted.
	 */
	PROFILE_FILE_UNREADABLE,
	/** STS does not know the access key. */
	UNKNOWN_ACCESS_KEY,
	/** Wrong secret access key, or the computer's clock is off. */
	SIGNATURE_MISMATCH,
	/** The keys have expired. */
	EXPIRED_TOKEN,
	/** STS is not activated in the region. */
	REGION_DISABLED,
	/** STS asked us to slow down. */
	THROTTLED,
	/** Any other refusal by STS. */
	ACCESS_DENIED,
	/** STS rejected a parameter. */
	INVALID_REQUEST,
	/** STS answered with a server error. */
	STS_ERROR,
	/** No connection to STS. */
	UNREACHABLE,
	/** The connection broke after the request was sent: STS may have seen the code. */
	CONNECTION_LOST,
	/** STS did not answer in time. */
	TIMEOUT,
	/** Anything else. */
	UNEXPECTED;

	public String messageKey() {
		return "sts.failure." + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
