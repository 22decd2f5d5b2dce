package dev.mfaportal.account;

import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt reads at most 72 bytes of a password, and Spring Security's encoder refuses a
 * longer one with an exception, which a form would turn into a 500. So the forms refuse
 * such a password in words before it is encoded, and a sign-in with one is a plain wrong
 * password: this encoder answers "no match" instead of throwing.
 */
final class PasswordLength implements PasswordEncoder {

	/**
	 * In UTF-8 bytes, bcrypt's limit: 72 plain letters or digits, fewer accented ones.
	 */
	static final int MAX_BYTES = 72;

	private final PasswordEncoder encoder;

	PasswordLength(PasswordEncoder encoder) {
		this.encoder = encoder;
	}

	static boolean fits(CharSequence password) {
		return password != null && password.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

	/**
	 * Callers check {@link #fits} first: a password that doesn't is a bug here, not
	 * input.
	 */
	@Override
	public String encode(CharSequence password) {
		if (!fits(password)) {
			throw new IllegalArgumentException("A password over " + MAX_BYTES + " bytes reached the encoder");
		}
		return this.encoder.encode(password);
	}

	@Override
	public boolean matches(CharSequence password, String encoded) {
		return fits(password) && this.encoder.matches(password, encoded);
	}

	@Override
	public boolean upgradeEncoding(String encoded) {
		return this.encoder.upgradeEncoding(encoded);
	}

}
