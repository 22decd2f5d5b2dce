package dev.mfaportal.issuing;

import java.util.regex.Pattern;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.StsCaller;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.validation.Errors;

/**
 * A key pair typed into the form for this one call: checked, used to sign, and kept
 * nowhere (not the database, the session, the page or a cached client).
 */
final class OneTimeKey {

	static final String SOURCE_ID = "once";

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

	static CredentialSource source(IssueForm form, String region) {
		return new CredentialSource(SOURCE_ID, CredentialSource.Kind.ONE_TIME, "one-time key",
				AccessKeys.mask(form.onceAccessKeyId()), false, region, null, false);
	}

	static StsCaller caller(IssueForm form, String region) {
		return new StsCaller(SOURCE_ID, StaticCredentialsProvider
			.create(AwsBasicCredentials.create(form.onceAccessKeyId(), form.onceSecretAccessKey())), region, null);
	}

}
