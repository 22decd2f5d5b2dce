package dev.mfaportal.issuing;

import java.util.regex.Pattern;

import dev.mfaportal.credentialsource.CredentialSources;

import org.springframework.validation.Errors;

/**
 * A key pair typed into the form for this one call: checked here, then resolved and used
 * to sign by {@link CredentialSources}, and kept nowhere (not the database, the session,
 * the page or a cached client).
 */
final class OneTimeKey {

	static final String SOURCE_ID = CredentialSources.ONE_TIME_ID;

	private static final Pattern LONG_TERM_ID = Pattern.compile("AKIA[A-Z0-9]{16}");

	private static final Pattern SESSION_ID = Pattern.compile("ASIA[A-Z0-9]{16}");

	private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/+=]{40}");

	private OneTimeKey() {
	}

	static void validate(IssueForm form, Errors errors) {
		String id = form.onceAccessKeyId();
		if (id != null && SESSION_ID.matcher(id).matches()) {
			errors.rejectValue("onceAccessKeyId", "form.onceAccessKeyId.session");
		}
		else if (id == null || !LONG_TERM_ID.matcher(id).matches()) {
			errors.rejectValue("onceAccessKeyId", "form.onceAccessKeyId.format");
		}
		if (form.onceSecretAccessKey() == null || !SECRET.matcher(form.onceSecretAccessKey()).matches()) {
			errors.rejectValue("onceSecretAccessKey", "form.onceSecretAccessKey.format");
		}
	}

}
