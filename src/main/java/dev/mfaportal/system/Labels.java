package dev.mfaportal.system;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * The name a member gives what they store (an access key, a device), as its form's
 * {@code label} field: required, at most {@link #MAX} long, one line of text. Whether the
 * owner has it already needs the database: the controllers check that.
 */
public final class Labels {

	/**
	 * The {@code label} columns' width, in UTF-16 units, which is never more than H2 or
	 * PostgreSQL count.
	 */
	public static final int MAX = 64;

	private Labels() {
	}

	/**
	 * Rejects the {@code label} field under the message key
	 * {@code <feature>.label.required}, {@code .length} or {@code .characters}.
	 */
	public static void validate(String label, String feature, Errors errors) {
		if (!StringUtils.hasText(label)) {
			errors.rejectValue("label", feature + ".label.required");
		}
		else if (label.length() > MAX) {
			// As text: MessageFormat would print 1000 as "1,000".
			errors.rejectValue("label", feature + ".label.length",
					new Object[] { String.valueOf(MAX), String.valueOf(label.length()) }, null);
		}
		else if (label.chars().anyMatch(Character::isISOControl)) {
			errors.rejectValue("label", feature + ".label.characters");
		}
	}

}
