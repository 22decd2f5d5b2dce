package dev.mfaportal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A role ARN as the policy names it, where {@code *} matches any characters within one
 * ARN segment: it never crosses a {@code :} or a {@code /}, so {@code role/read-*}
 * matches {@code role/read-logs} but not {@code role/read-x/admin}, and an account of
 * {@code *} matches one account, never a longer path.
 * <p>
 * Matching splits both at the separators and compares segment by segment, with no regular
 * expression: a hostile ARN costs at most the product of two short lengths.
 */
record ArnPattern(String text) {

	/** The longest pattern, as long as the longest ARN STS takes. */
	static final int MAX_LENGTH = 2048;

	// arn:PARTITION:iam::ACCOUNT:role/[path/]name; a role path and name take IAM's
	// characters, and * anywhere a character may stand.
	private static final Pattern SHAPE = Pattern
		.compile("arn:(\\*|aws[a-z-]{0,20}):iam::(\\*|[0-9*]{1,12}):role/([\\w+=,.@*-]+/)*[\\w+=,.@*-]+");

	/**
	 * @return whether the text is a role ARN pattern the policy can hold
	 */
	static boolean isValid(String text) {
		return text != null && text.length() <= MAX_LENGTH && SHAPE.matcher(text).matches();
	}

	boolean hasWildcard() {
		return this.text.indexOf('*') >= 0;
	}

	/**
	 * @param arn a role ARN, as typed
	 * @return whether this pattern allows it
	 */
	boolean matches(String arn) {
		if (arn == null || arn.length() > MAX_LENGTH) {
			return false;
		}
		List<String> patternParts = split(this.text);
		List<String> arnParts = split(arn);
		if (patternParts.size() != arnParts.size()) {
			return false;
		}
		for (int i = 0; i < patternParts.size(); i++) {
			if (!glob(patternParts.get(i), arnParts.get(i))) {
				return false;
			}
		}
		return true;
	}

	/** The segments and the separators between them, each a part of its own. */
	private static List<String> split(String value) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ':' || c == '/') {
				parts.add(value.substring(start, i));
				parts.add(String.valueOf(c));
				start = i + 1;
			}
		}
		parts.add(value.substring(start));
		return parts;
	}

	/**
	 * Wildcard matching within one segment, backtracking only to the last star: linear in
	 * the common case, the product of the lengths at worst.
	 */
	private static boolean glob(String pattern, String value) {
		int p = 0;
		int v = 0;
		int star = -1;
		int mark = 0;
		while (v < value.length()) {
			if (p < pattern.length() && pattern.charAt(p) == '*') {
				star = p++;
				mark = v;
			}
			else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
				p++;
				v++;
			}
			else if (star >= 0) {
				p = star + 1;
				v = ++mark;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

}
