package dev.mfaportal.emulator;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;

/**
 * RFC 6238 TOTP as virtual MFA devices compute it: HMAC-SHA1, 30 second steps, 6 digits.
 */
public final class Totp {

	static final long STEP_SECONDS = 30;

	private Totp() {
	}

	/**
	 * The code a device with this Base32 secret shows at the clock's current instant; the
	 * demo page displays it and tests type it.
	 */
	public static String currentCode(String base32Secret, Clock clock) {
		return code(Base32.decode(base32Secret), step(clock.instant()));
	}

	static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	static String code(byte[] key, long step) {
		byte[] hash = Crypto.hmac("HmacSHA1", key, ByteBuffer.allocate(8).putLong(step).array());
		// RFC 4226 dynamic truncation
		int offset = hash[hash.length - 1] & 0x0F;
		int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
				| ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
		return String.format("%06d", binary % 1_000_000);
	}

}
