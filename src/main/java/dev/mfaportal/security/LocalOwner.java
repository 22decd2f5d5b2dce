package dev.mfaportal.security;

/**
 * The person who started the portal in local mode.
 */
public final class LocalOwner {

	private LocalOwner() {
	}

	public static String name() {
		return System.getProperty("user.name", "local");
	}

}
