package dev.mfaportal.sts;

import java.util.regex.Pattern;

/**
 * How an access key id is shown to people: enough to recognise it, not enough to use it.
 */
public final class AccessKeys {

	/** A long-term access key id: an IAM user's, which can call GetSessionToken. */
	public static final Pattern LONG_TERM_ID = Pattern.compile("AKIA[A-Z0-9]{16}");

	/** A session's access key id, which GetSessionToken refuses. */
	public static final Pattern SESSION_ID = Pattern.compile("ASIA[A-Z0-9]{16}");

	/** A secret access key of the shape AWS issues. */
	public static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/+=]{40}");

	private AccessKeys() {
	}

	/**
	 * {@code AKIAIOSFODNN7EXAMPLE} becomes {@code AKIA…MPLE}.
	 * @param accessKeyId an access key id, possibly {@code null}
	 * @return the masked id, or an empty string
	 */
	public static String mask(String accessKeyId) {
		if (accessKeyId == null || accessKeyId.isEmpty()) {
			return "";
		}
		if (accessKeyId.length() <= 8) {
			return "…";
		}
		return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
	}

}
