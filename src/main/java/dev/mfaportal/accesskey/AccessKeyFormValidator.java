package dev.mfaportal.accesskey;

import java.util.regex.Pattern;

import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.system.Labels;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * Checks a key before it is stored, so that what is stored can sign a GetSessionToken
 * call: a long-term access key id ({@code AKIA…}; session credentials ({@code ASIA…})
 * can't call GetSessionToken) and a secret of the shape AWS issues. Error codes are
 * message keys; no message ever repeats the secret. Whether the label is taken needs the
 * database: the controller checks that.
 */
class AccessKeyFormValidator {

	static final Pattern LONG_TERM_ACCESS_KEY_ID = AccessKeys.LONG_TERM_ID;

	static final Pattern SESSION_ACCESS_KEY_ID = AccessKeys.SESSION_ID;

	static final Pattern SECRET_ACCESS_KEY = AccessKeys.SECRET;

	void validate(AccessKeyForm form, Errors errors) {
		Labels.validate(form.label(), "accesskey", errors);
		accessKeyId(form.accessKeyId(), errors);
		secretAccessKey(form.secretAccessKey(), errors);
	}

	private static void accessKeyId(String accessKeyId, Errors errors) {
		if (!StringUtils.hasText(accessKeyId)) {
			errors.rejectValue("accessKeyId", "accesskey.accessKeyId.required");
		}
		else if (SESSION_ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
			errors.rejectValue("accessKeyId", "accesskey.accessKeyId.session");
		}
		else if (!LONG_TERM_ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
			errors.rejectValue("accessKeyId", "accesskey.accessKeyId.format");
		}
	}

	private static void secretAccessKey(String secret, Errors errors) {
		if (!StringUtils.hasText(secret)) {
			errors.rejectValue("secretAccessKey", "accesskey.secretAccessKey.required");
		}
		else if (!SECRET_ACCESS_KEY.matcher(secret).matches()) {
			errors.rejectValue("secretAccessKey", "accesskey.secretAccessKey.format");
		}
	}

}
