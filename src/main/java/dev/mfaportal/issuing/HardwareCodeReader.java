package dev.mfaportal.issuing;

import java.util.Optional;

import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import dev.mfaportal.security.Actor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * The code from a hardware key, for a form posted with the YubiKey button and no code:
 * offered only where {@link HardwareCodes} is (local mode, ykman found). A key that gives
 * no code is said on the code field, before anything is reserved or sent.
 */
@Component
class HardwareCodeReader {

	private final HardwareCodes codes;

	private final DevicePresets presets;

	HardwareCodeReader(ObjectProvider<HardwareCodes> codes, DevicePresets presets) {
		this.codes = codes.getIfAvailable();
		this.presets = presets;
	}

	boolean offered() {
		return this.codes != null && this.codes.available();
	}

	/**
	 * The form with the key's code, or empty with the reason on {@code tokenCode}.
	 */
	Optional<IssueForm> read(IssueForm form, Errors errors) {
		try {
			return Optional.of(form.withTokenCode(this.codes.code(account(form))));
		}
		catch (HardwareCodes.Failure ex) {
			errors.rejectValue("tokenCode", ex.messageKey(), ex.arguments().toArray(), null);
			return Optional.empty();
		}
	}

	/**
	 * The account ykman is asked for: the saved device's with this serial number, else
	 * the serial number itself.
	 */
	private String account(IssueForm form) {
		return this.presets.forActor(Actor.current())
			.stream()
			.filter((preset) -> preset.serialNumber().equals(form.serialNumber()))
			.map(DevicePreset::ykmanAccountOrSerial)
			.findFirst()
			.orElse(form.serialNumber());
	}

}
