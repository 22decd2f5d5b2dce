package dev.mfaportal.issuing;

import dev.mfaportal.sts.StsInputRules;

import org.springframework.validation.Errors;

/**
 * Checks the form against the STS model before anything is sent, so STS never sees a
 * request it would reject for its shape. Error codes are message keys.
 */
class IssueFormValidator {

	void validate(IssueForm form, Errors errors) {
		StsInputRules.serialNumber(form.serialNumber(), errors);
		StsInputRules.tokenCode(form.tokenCode(), errors);
		StsInputRules.durationSeconds(form.durationSeconds(), errors);
		StsInputRules.profileName(form.profileName(), errors);
		StsInputRules.role(form.roleArn(), form.roleSessionName(), form.externalId(), form.durationSeconds(), errors);
	}

}
