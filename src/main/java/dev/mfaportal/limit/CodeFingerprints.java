package dev.mfaportal.limit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recognises a (device, code) pair again without storing the code: an HMAC under a key
 * that is not in the database. A 6-digit code has only a million values, so a plain hash
 * would give it away to anyone who reads the table. Several instances must share the key
 * (team mode keeps one in the database, encrypted under the encryption key, see
 * {@link FingerprintKey}); a lone instance makes its own.
 */
class CodeFingerprints {

	private final SecretKeySpec key;

	CodeFingerprints() {
		this(randomKey());
	}

	CodeFingerprints(byte[] key) {
		this.key = new SecretKeySpec(key, "HmacSHA256");
	}

	String of(String serialNumber, String tokenCode) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of()
				.formatHex(mac.doFinal((serialNumber + "\n" + tokenCode).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private static byte[] randomKey() {
		// One key per process is enough here: a code is only worth remembering for 90
		// seconds.
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
