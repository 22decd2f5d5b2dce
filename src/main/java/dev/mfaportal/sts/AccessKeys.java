package dev.mfaportal.sts;

/**
 * How an access key id is shown to people: enough to recognise it, not enough to use it.
 */
public final class AccessKeys {

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
