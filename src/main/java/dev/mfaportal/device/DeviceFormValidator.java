package dev.mfaportal.device;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.sts.StsInputRules;
import dev.mfaportal.system.Labels;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * Checks a device against the same STS model as the issuing form, so a saved device never
 * fills the form with a value STS would reject. Error codes are message keys. Whether the
 * label is already taken needs the owner and the database: the controller checks that.
 */
class DeviceFormValidator {

	/** The {@code source_id} column's width. */
	static final int SOURCE_ID_MAX = 300;

	private final CredentialSources sources;

	DeviceFormValidator(CredentialSources sources) {
		this.sources = sources;
	}

	void validate(DeviceForm form, Errors errors) {
		Labels.validate(form.label(), "device", errors);
		StsInputRules.serialNumber(form.serialNumber(), errors);
		StsInputRules.durationSeconds(form.durationSeconds(), errors);
		StsInputRules.profileName(form.profileName(), errors);
		StsInputRules.role(form.roleArn(), form.roleSessionName(), form.externalId(), form.durationSeconds(), errors);
		sourceId(form.sourceId(), errors);
		ykmanAccount(form.ykmanAccount(), errors);
	}

	/** A name ykman is given as one argument: a YubiKey keeps at most 64 bytes of it. */
	private static void ykmanAccount(String account, Errors errors) {
		if (account != null && (account.length() > Labels.MAX || account.chars().anyMatch(Character::isISOControl))) {
			errors.rejectValue("ykmanAccount", "device.ykmanAccount.invalid");
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
