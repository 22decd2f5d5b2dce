package dev.mfaportal.emulator;

import java.time.Instant;

/**
 * The {@code SerialNumber}/{@code TokenCode} pair that GetSessionToken and AssumeRole
 * share: the serial must be the caller's device and the code valid and unused.
 */
final class MfaCheck {

	static final String INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

	static final String UNKNOWN_SERIAL = "MultiFactorAuthentication failed, unable to validate MFA code.  "
			+ "Please verify your MFA serial number is valid and associated with this user.";

	static final String SERIAL_NUMBER_PATTERN = "[\\w+=/:,.@-]*";

	static final String TOKEN_CODE_PATTERN = "[\\d]*";

	private final OneTimeCodes codes;

	MfaCheck(OneTimeCodes codes) {
		this.codes = codes;
	}

	/**
	 * Without serial and code STS issues credentials even to a user with a device (it is
	 * the IAM policy that may demand MFA). A serial without a code, or a code without a
	 * serial, cannot pass: which message real STS gives for those two is not documented,
	 * these are the closest.
	 */
	void check(EmulatedUser user, String serial, String code, Instant now) {
		if (serial == null && code == null) {
			return;
		}
		EmulatedMfaDevice device = user.device();
		if (serial == null || device == null || !device.serialNumber().equals(serial)) {
			throw StsError.accessDenied(UNKNOWN_SERIAL);
		}
		if (code == null || !this.codes.accept(device, code, now)) {
			throw StsError.accessDenied(INVALID_CODE);
		}
	}

}
