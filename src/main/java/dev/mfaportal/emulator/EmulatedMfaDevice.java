package dev.mfaportal.emulator;

import java.util.Objects;

/**
 * A virtual MFA device: its serial (usually an ARN) and the Base32 secret the
 * authenticator app holds.
 */
public record EmulatedMfaDevice(String serialNumber, String base32Secret) {

	/** The demo device's serial, as shown on the portal's demo page. */
	public static final String DEMO_SERIAL_NUMBER = "arn:aws:iam::123456789012:mfa/demo";

	/**
	 * 160 bits, the length RFC 4226 recommends; fixed so a demo page and a test agree on
	 * codes.
	 */
	public static final String DEMO_BASE32_SECRET = "MFAPORTALDEMOSECRETMFAPORTALDEMO";

	public EmulatedMfaDevice {
		Objects.requireNonNull(serialNumber, "serialNumber");
		Objects.requireNonNull(base32Secret, "base32Secret");
		if (Base32.decode(base32Secret).length == 0) {
			throw new IllegalArgumentException("base32Secret must not be empty");
		}
	}

	public static EmulatedMfaDevice demo() {
		return new EmulatedMfaDevice(DEMO_SERIAL_NUMBER, DEMO_BASE32_SECRET);
	}

	byte[] secretKey() {
		return Base32.decode(this.base32Secret);
	}

	@Override
	public String toString() {
		// keeps the seed out of test reports and logs
		return "EmulatedMfaDevice[serialNumber=" + this.serialNumber + ", base32Secret=******]";
	}

}
