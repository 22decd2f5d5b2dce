package dev.mfaportal.device;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.sts.StsInputRules;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Checks a device against the same STS model as the issuing form, so a saved device never
 * fills the form with a value STS would reject. Error codes are message keys. Whether the
 * label is already taken needs the owner and the database: the controller checks that.
 */
class DeviceFormValidator implements Validator {

	/**
	 * The {@code label} column's width, in UTF-16 units, which is never more than H2 or
	 * PostgreSQL count.
	 */
	static final int LABEL_MAX = 64;

	/** The {@code source_id} column's width. */
	static final int SOURCE_ID_MAX = 300;

	private final CredentialSources sources;

	DeviceFormValidator(CredentialSources sources) {
		this.sources = sources;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DeviceForm.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DeviceForm form = (DeviceForm) target;
		label(form.label(), errors);
		StsInputRules.serialNumber(form.serialNumber(), errors);
		StsInputRules.durationSeconds(form.durationSeconds(), errors);
		StsInputRules.profileName(form.profileName(), errors);
		StsInputRules.role(form.roleArn(), form.roleSessionName(), form.externalId(), form.durationSeconds(), errors);
		sourceId(form.sourceId(), errors);
	}

	private static void label(String label, Errors errors) {
		if (!StringUtils.hasText(label)) {
			errors.rejectValue("label", "device.label.required");
		}
		else if (label.length() > LABEL_MAX) {
			// As text: MessageFormat would print 1000 as "1,000".
			errors.rejectValue("label", "device.label.length",
					new Object[] { String.valueOf(LABEL_MAX), String.valueOf(label.length()) }, null);
		}
		else if (label.chars().anyMatch(Character::isISOControl)) {
			errors.rejectValue("label", "device.label.characters");
		}
	}

	private void sourceId(String sourceId, Errors errors) {
		if (StringUtils.hasText(sourceId) && !isKnownSource(sourceId)) {
			errors.rejectValue("sourceId", "device.sourceId.unknown");
		}
	}

	/** Whether it is one of the sources the form would list now (and fits the column). */
	boolean isKnownSource(String sourceId) {
		return sourceId != null && sourceId.length() <= SOURCE_ID_MAX
				&& this.sources.list().stream().anyMatch((source) -> source.id().equals(sourceId));
	}

}
