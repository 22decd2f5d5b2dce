package dev.mfaportal.emulator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few digests the emulator needs; every JDK has these algorithms, so a failure is a
 * broken JDK.
 */
final class Crypto {

	private Crypto() {
	}

	static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sha256Hex(byte[] data) {
		return HexFormat.of().formatHex(sha256(data));
	}

	static byte[] hmac(String algorithm, byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
