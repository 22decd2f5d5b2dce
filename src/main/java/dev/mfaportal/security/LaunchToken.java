package dev.mfaportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * A random secret made at each start and printed as a link, as Jupyter does: only someone
 * who can read the terminal that started the portal can open it.
 */
@Component
public class LaunchToken {

	private final String value;

	LaunchToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		this.value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public String value() {
		return this.value;
	}

	boolean matches(String candidate) {
		return candidate != null && MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				candidate.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "LaunchToken[******]";
	}

}
