package dev.mfaportal.vault;

import java.util.regex.Pattern;

import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.system.Labels;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * The vault takes what can sign GetSessionToken: a long-term key id and a secret of the
 * shape AWS issues, under a label. Error codes are message keys; none repeats a value.
 */
class VaultKeyFormValidator {

	/**
	 * A vault key's label is a profile name: what {@code ~/.aws/config} and
	 * {@code source_profile} name, and what "Put back into the file" writes as a section
	 * (the profile writer's own rule).
	 */
	static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_+,.@][A-Za-z0-9_+,.@-]{0,63}");

	void validate(VaultKeyForm form, Errors errors) {
		Labels.validate(form.label(), "vault", errors);
		if (!errors.hasFieldErrors("label") && !LABEL.matcher(form.label()).matches()) {
			errors.rejectValue("label", "vault.label.shape");
		}
		String id = form.accessKeyId();
		if (!StringUtils.hasText(id)) {
			errors.rejectValue("accessKeyId", "vault.accessKeyId.required");
		}
		else if (AccessKeys.SESSION_ID.matcher(id).matches()) {
			errors.rejectValue("accessKeyId", "vault.accessKeyId.session");
		}
		else if (!AccessKeys.LONG_TERM_ID.matcher(id).matches()) {
			errors.rejectValue("accessKeyId", "vault.accessKeyId.format");
		}
		String secret = form.secretAccessKey();
		if (!StringUtils.hasText(secret)) {
			errors.rejectValue("secretAccessKey", "vault.secretAccessKey.required");
		}
		else if (!AccessKeys.SECRET.matcher(secret).matches()) {
			errors.rejectValue("secretAccessKey", "vault.secretAccessKey.format");
		}
	}

}
