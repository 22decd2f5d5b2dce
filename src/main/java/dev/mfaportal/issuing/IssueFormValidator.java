package dev.mfaportal.issuing;

import dev.mfaportal.sts.StsInputRules;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Checks the form against the STS model before anything is sent, so STS never sees a
 * request it would reject for its shape. Error codes are message keys.
 */
class IssueFormValidator implements Validator {

	@Override
	public boolean supports(Class<?> type) {
		return IssueForm.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		IssueForm form = (IssueForm) target;
		StsInputRules.serialNumber(form.serialNumber(), errors);
		StsInputRules.tokenCode(form.tokenCode(), errors);
		StsInputRules.durationSeconds(form.durationSeconds(), errors);
		StsInputRules.profileName(form.profileName(), errors);
		StsInputRules.role(form.roleArn(), form.roleSessionName(), form.externalId(), form.durationSeconds(), errors);
	}

}
