package dev.mfaportal.issuing;

import dev.mfaportal.sts.StsInputRules;

import org.springframework.validation.Errors;

/**
 * Checks the form against the STS model before anything is sent, so STS never sees a
 * request it would reject for its shape. Error codes are message keys.
 */
class IssueFormValidator {

	void validate(IssueForm form, Errors errors) {
		validateAllButCode(form, errors);
		StsInputRules.tokenCode(form.tokenCode(), errors);
	}

	/**
	 * Every field but the code: what must hold before a code is read from a hardware key,
	 * so that a form that can't be sent never asks for a touch.
	 */
	void validateAllButCode(IssueForm form, Errors errors) {
		StsInputRules.serialNumber(form.serialNumber(), errors);
		StsInputRules.durationSeconds(form.durationSeconds(), errors);
		StsInputRules.profileName(form.profileName(), errors);
		StsInputRules.role(form.roleArn(), form.roleSessionName(), form.externalId(), form.durationSeconds(), errors);
	}

}
