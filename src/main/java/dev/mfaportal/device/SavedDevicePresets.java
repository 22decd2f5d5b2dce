package dev.mfaportal.device;

import java.util.Comparator;
import java.util.List;

import dev.mfaportal.issuing.DevicePresets;

import org.springframework.stereotype.Component;

/**
 * The saved devices, as the issuing form offers them.
 */
@Component
class SavedDevicePresets implements DevicePresets {

	static final Comparator<Device> MOST_RECENTLY_USED_FIRST = Comparator
		.comparing(Device::lastUsedAt, Comparator.nullsLast(Comparator.reverseOrder()))
		.thenComparing(Device::label, String.CASE_INSENSITIVE_ORDER);

	private final DeviceRepository devices;

	SavedDevicePresets(DeviceRepository devices) {
		this.devices = devices;
	}

	@Override
	public List<DevicePreset> forActor(String actor) {
		return this.devices.list(actor)
			.stream()
			.sorted(MOST_RECENTLY_USED_FIRST)
			.map((device) -> new DevicePreset(device.id(), device.label(), device.serialNumber(),
					device.durationSeconds(), device.profileName(), device.sourceId(), device.lastUsedAt(),
					device.roleArn(), device.roleSessionName(), device.externalId(), device.saveProfile(),
					device.ykmanAccount()))
			.toList();
	}

}
