package dev.mfaportal.issuing;

import java.time.Instant;
import java.util.List;

/**
 * The saved devices the form offers, implemented by the devices feature.
 */
public interface DevicePresets {

	/** The actor's devices, the most recently used first. */
	List<DevicePreset> forActor(String actor);

	/**
	 * One saved device as the form uses it.
	 *
	 * @param id its id
	 * @param label its name
	 * @param serialNumber the MFA device
	 * @param durationSeconds the default duration
	 * @param profileName the default profile name
	 * @param sourceId the credential source to preselect, or {@code null}
	 * @param lastUsedAt when credentials were last issued with it, or {@code null}
	 * @param roleArn a role to assume with its code, or {@code null}
	 * @param roleSessionName the role session's name, or {@code null}
	 * @param externalId the role's external id, or {@code null}
	 * @param saveProfile whether the form ticks "Save as profile" for it
	 * @param ykmanAccount the name of its account on a YubiKey, or {@code null} for its
	 * serial number
	 */
	record DevicePreset(long id, String label, String serialNumber, int durationSeconds, String profileName,
			String sourceId, Instant lastUsedAt, String roleArn, String roleSessionName, String externalId,
			boolean saveProfile, String ykmanAccount) {

		/** A device whose YubiKey account is named by its serial number. */
		public DevicePreset(long id, String label, String serialNumber, int durationSeconds, String profileName,
				String sourceId, Instant lastUsedAt, String roleArn, String roleSessionName, String externalId,
				boolean saveProfile) {
			this(id, label, serialNumber, durationSeconds, profileName, sourceId, lastUsedAt, roleArn, roleSessionName,
					externalId, saveProfile, null);
		}

		/**
		 * What {@code ykman oath accounts code} is asked for: the name, else the serial.
		 */
		public String ykmanAccountOrSerial() {
			return (this.ykmanAccount != null && !this.ykmanAccount.isBlank()) ? this.ykmanAccount : this.serialNumber;
		}

	}

}
