package dev.mfaportal.support;

import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/** What a validator said about one field, for the validator tests. */
public final class FieldErrors {

	private FieldErrors() {
	}

	/** The error code (a message key) of the field's first error, or {@code null}. */
	public static String codeOf(Errors errors, String field) {
		FieldError error = errors.getFieldError(field);
		return (error != null) ? error.getCode() : null;
	}

}
