package dev.mfaportal.accesskey;

/**
 * How a secret appears in a {@code toString()}: only whether there is one.
 */
final class Secrets {

	private Secrets() {
	}

	static String mask(String secret) {
		return (secret == null) ? "null" : (secret.isEmpty() ? "(empty)" : "(hidden)");
	}

}
