package dev.mfaportal.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations of a request's members and reports them in STS's words:
 * {@code N validation error(s) detected: Value 'v' at 'member' failed to satisfy constraint: ...; ...}.
 */
final class ValidationErrors {

	private final List<String> errors = new ArrayList<>();

	/** AWS quotes a value but not a missing one: {@code Value null at 'roleArn' ...}. */
	ValidationErrors required(String member, String value) {
		if (value == null) {
			this.errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
		}
		return this;
	}

	ValidationErrors range(String member, String value, long min, long max) {
		if (value == null) {
			return this;
		}
		long number;
		try {
			number = Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			// STS's wording for an unparsable number is not documented; this keeps the
			// same frame
			return add(value, member, "Member must be a valid integer");
		}
		if (number < min) {
			add(value, member, "Member must have value greater than or equal to " + min);
		}
		if (number > max) {
			add(value, member, "Member must have value less than or equal to " + max);
		}
		return this;
	}

	/** Pattern before length: the order AWS lists them in when a value breaks both. */
	ValidationErrors text(String member, String value, int minLength, int maxLength, String pattern) {
		if (value == null) {
			return this;
		}
		if (!Pattern.matches(pattern, value)) {
			add(value, member, "Member must satisfy regular expression pattern: " + pattern);
		}
		return length(member, value, minLength, maxLength);
	}

	/** For members whose pattern only excludes control characters, as an ARN's does. */
	ValidationErrors length(String member, String value, int minLength, int maxLength) {
		if (value == null) {
			return this;
		}
		if (value.length() < minLength) {
			add(value, member, "Member must have length greater than or equal to " + minLength);
		}
		if (value.length() > maxLength) {
			add(value, member, "Member must have length less than or equal to " + maxLength);
		}
		return this;
	}

	/**
	 * A list's size; AWS renders the list itself, which this doesn't reproduce: the value
	 * is given as its size.
	 */
	ValidationErrors count(String member, int size, int max) {
		if (size > max) {
			add("[" + size + " members]", member, "Member must have length less than or equal to " + max);
		}
		return this;
	}

	void throwIfAny() {
		if (this.errors.isEmpty()) {
			return;
		}
		String count = (this.errors.size() == 1) ? "1 validation error detected: "
				: this.errors.size() + " validation errors detected: ";
		throw StsError.validation(count + String.join("; ", this.errors));
	}

	private ValidationErrors add(String value, String member, String constraint) {
		this.errors.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
		return this;
	}

}
