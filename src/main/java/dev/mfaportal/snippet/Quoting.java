package dev.mfaportal.snippet;

import java.util.regex.Pattern;

/**
 * Quoting rules of each target, so that any value, whatever characters it holds, arrives
 * intact. Values that need no quoting stay bare, as the AWS CLI prints them.
 */
final class Quoting {

	private static final Pattern POSIX_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	private static final Pattern FISH_SAFE = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

	private static final Pattern POWERSHELL_BARE = Pattern.compile("[A-Za-z0-9_.-]+");

	private static final Pattern CMD_BARE = Pattern.compile("[A-Za-z0-9_@+:./-]+");

	private Quoting() {
	}

	/** bash and zsh: single quotes, where nothing is special but the quote itself. */
	static String posix(String value) {
		if (POSIX_SAFE.matcher(value).matches()) {
			return value;
		}
		return "'" + value.replace("'", "'\\''") + "'";
	}

	/** fish: inside single quotes only backslash and the quote are special. */
	static String fish(String value) {
		if (FISH_SAFE.matcher(value).matches()) {
			return value;
		}
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	/**
	 * PowerShell: a double-quoted string, as {@code aws configure export-credentials}
	 * writes it; the backtick escapes the characters that would expand or end it (the
	 * typographic quotes end it too).
	 */
	static String powershell(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if ("`$\"\u201C\u201D\u201E".indexOf(c) >= 0) {
				quoted.append('`');
			}
			quoted.append(c);
		}
		return quoted.append('"').toString();
	}

	/**
	 * A PowerShell command's argument: bare when only letters, digits and {@code _ . -}
	 * (what PowerShell passes on as typed), else quoted as {@link #powershell}: a leading
	 * {@code @} would splat a variable, and other characters have meanings of their own.
	 */
	static String powershellArgument(String value) {
		return POWERSHELL_BARE.matcher(value).matches() ? value : powershell(value);
	}

	/**
	 * An argument typed at the cmd.exe prompt (not a batch file: {@code %%} stays
	 * {@code %%} there): double quotes keep its metacharacters literal, but nothing can
	 * escape {@code %} or a quote inside them, so those are refused.
	 */
	static String windowsCmdArgument(String value) {
		if (value.indexOf('%') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
				|| value.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("cmd.exe can't take % , a quote or a line break in a typed argument");
		}
		return CMD_BARE.matcher(value).matches() ? value : "\"" + value + "\"";
	}

	/**
	 * cmd.exe batch files: the caret escapes the metacharacters and {@code %} doubles. A
	 * line break can't be written in a {@code set} command at all.
	 */
	static String windowsCmd(String value) {
		if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("cmd.exe can't set a value that contains a line break");
		}
		StringBuilder escaped = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '%') {
				escaped.append("%%");
				continue;
			}
			if ("^&|<>()\"".indexOf(c) >= 0) {
				escaped.append('^');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

	/**
	 * {@code .env} files as Docker Compose reads them: bare when safe, single quotes
	 * (literal) when possible, otherwise double quotes, where {@code $$} is a literal
	 * dollar sign.
	 */
	static String dotenv(String value) {
		if (POSIX_SAFE.matcher(value).matches()) {
			return value;
		}
		if (value.indexOf('\'') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return "'" + value + "'";
		}
		return "\"" + value.replace("\\", "\\\\")
			.replace("\"", "\\\"")
			.replace("$", "$$")
			.replace("\n", "\\n")
			.replace("\r", "\\r") + "\"";
	}

}
