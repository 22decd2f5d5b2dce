package dev.mfaportal.emulator;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 Base32 decoding, the alphabet authenticator apps use for TOTP secrets.
 */
final class Base32 {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Base32() {
	}

	/**
	 * Decodes a Base32 text. Lower case, missing padding and blanks are accepted because
	 * secrets are often typed or shown in groups ("jbsw y3dp ...").
	 */
	static byte[] decode(String text) {
		String clean = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
		int end = clean.length();
		while (end > 0 && clean.charAt(end - 1) == '=') {
			end--;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (int i = 0; i < end; i++) {
			int value = ALPHABET.indexOf(clean.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException("Not a Base32 character at position " + i);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xFF);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

}
