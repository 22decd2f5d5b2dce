package dev.mfaportal.device;

import java.time.Instant;

import dev.mfaportal.issuing.FormDefaults;
import dev.mfaportal.system.Labels;

import org.springframework.util.StringUtils;

/**
 * What the device form posts. Every field is text so that anything a person types reaches
 * the validator, which answers in words instead of a binding error.
 *
 * @param label the device's name
 * @param serialNumber the MFA device ARN or hardware serial
 * @param durationSeconds the default session length in seconds
 * @param profileName the default credentials-file profile name
 * @param sourceId the credential source to preselect, or blank for none
 * @param roleArn a role to assume with its code, or blank
 * @param roleSessionName that role session's name, or blank
 * @param externalId the external id the role asks for, or blank
 * @param saveProfile {@code true} when the issuing form should tick "Save as profile" for
 * it; text like every field, so any other value means no instead of a binding error
 * @param ykmanAccount the device's account name on a YubiKey, or blank for its serial
 * number
 */
record DeviceForm(String label, String serialNumber, String durationSeconds, String profileName, String sourceId,
		String roleArn, String roleSessionName, String externalId, String saveProfile, String ykmanAccount) {

	DeviceForm(String label, String serialNumber, String durationSeconds, String profileName, String sourceId,
			String roleArn, String roleSessionName, String externalId, String saveProfile) {
		this(label, serialNumber, durationSeconds, profileName, sourceId, roleArn, roleSessionName, externalId,
				saveProfile, null);
	}

	DeviceForm(String label, String serialNumber, String durationSeconds, String profileName, String sourceId,
			String roleArn, String roleSessionName, String externalId) {
		this(label, serialNumber, durationSeconds, profileName, sourceId, roleArn, roleSessionName, externalId, null);
	}

	public boolean savesProfile() {
		return "true".equals(this.saveProfile);
	}

	/** A form for a device that assumes no role. */
	DeviceForm(String label, String serialNumber, String durationSeconds, String profileName, String sourceId) {
		this(label, serialNumber, durationSeconds, profileName, sourceId, null, null, null);
	}

	static DeviceForm empty() {
		return new DeviceForm("", "", String.valueOf(FormDefaults.DURATION_SECONDS), FormDefaults.PROFILE_NAME, "");
	}

	/** A device from the AWS config, with the defaults of the issuing form. */
	static DeviceForm imported(String label, String serialNumber, String sourceId) {
		return new DeviceForm(label, serialNumber, String.valueOf(FormDefaults.DURATION_SECONDS),
				FormDefaults.PROFILE_NAME, sourceId);
	}

	/**
	 * The label for the {@code n}th device of that name: the name itself, then "name
	 * (2)", "name (3)"..., the name cut so that the whole fits the column.
	 */
	static String numberedLabel(String name, int n) {
		String base = name.strip();
		String suffix = (n == 1) ? "" : " (" + n + ")";
		int max = Labels.MAX - suffix.length();
		if (base.length() > max) {
			// Never half a surrogate pair.
			base = base.substring(0, Character.isHighSurrogate(base.charAt(max - 1)) ? max - 1 : max);
		}
		return base + suffix;
	}

	static DeviceForm of(Device device) {
		return new DeviceForm(device.label(), device.serialNumber(), String.valueOf(device.durationSeconds()),
				device.profileName(), (device.sourceId() != null) ? device.sourceId() : "", device.roleArn(),
				device.roleSessionName(), device.externalId(), device.saveProfile() ? "true" : null,
				device.ykmanAccount());
	}

	/** A new device from a form that passed {@link DeviceFormValidator}. */
	Device newDevice(String owner, Instant createdAt) {
		return new Device(0, owner, this.label, this.serialNumber, Integer.parseInt(this.durationSeconds),
				this.profileName, source(), createdAt, null, text(this.roleArn), text(this.roleSessionName),
				text(this.externalId), savesProfile(), text(this.ykmanAccount));
	}

	/**
	 * The device with this form's values, from a form that passed
	 * {@link DeviceFormValidator}.
	 */
	Device applyTo(Device device) {
		return new Device(device.id(), device.owner(), this.label, this.serialNumber,
				Integer.parseInt(this.durationSeconds), this.profileName, source(), device.createdAt(),
				device.lastUsedAt(), text(this.roleArn), text(this.roleSessionName), text(this.externalId),
				savesProfile(), text(this.ykmanAccount));
	}

	private static String text(String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private String source() {
		return StringUtils.hasText(this.sourceId) ? this.sourceId : null;
	}

}
