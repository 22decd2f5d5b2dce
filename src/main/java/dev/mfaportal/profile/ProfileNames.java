package dev.mfaportal.profile;

import java.util.regex.Pattern;

/**
 * Section names the credentials file keeps as they are: what the CLI reads back from
 * {@code [NAME]} and takes after {@code --profile}. Stricter than the form's own rule: no
 * {@code =}, and no leading {@code -}, which the CLI would take for an option.
 */
final class ProfileNames {

	private static final Pattern WRITABLE = Pattern.compile("[A-Za-z0-9_+,.@][A-Za-z0-9_+,.@-]{0,63}");

	private ProfileNames() {
	}

	static boolean writable(String name) {
		return name != null && WRITABLE.matcher(name).matches();
	}

}
