package dev.mfaportal.device;

import java.time.Instant;
import java.util.List;

import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class SavedDevicePresetsTest {

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private final DeviceRepository devices = mock(DeviceRepository.class);

	private final SavedDevicePresets presets = new SavedDevicePresets(this.devices);

	private static Device device(long id, String label, Instant lastUsedAt) {
		return new Device(id, "alice", label, "GAHT1234567" + id, 3600, "mfa", null, T0, lastUsedAt);
	}

	@Test
	void forActorWhenSomeUsedThenMostRecentlyUsedFirstThenTheNeverUsedByLabel() {
		given(this.devices.list("alice")).willReturn(List.of(device(1, "alpha", null), device(2, "Beta", T0),
				device(3, "charlie", T0.plusSeconds(60)), device(4, "Aardvark", null), device(5, "delta", T0)));

		assertThat(this.presets.forActor("alice")).extracting(DevicePreset::label)
			.containsExactly("charlie", "Beta", "delta", "Aardvark", "alpha");
	}

	@Test
	void forActorWhenDeviceSavedThenEveryValueTheFormNeeds() {
		given(this.devices.list("alice")).willReturn(List.of(new Device(7, "alice", "Work",
				"arn:aws:iam::123456789012:mfa/alice", 43200, "work-mfa", "profile:work", T0, T0.plusSeconds(5))));

		assertThat(this.presets.forActor("alice"))
			.containsExactly(new DevicePreset(7, "Work", "arn:aws:iam::123456789012:mfa/alice", 43200, "work-mfa",
					"profile:work", T0.plusSeconds(5), null, null, null, false));
		assertThat(this.presets.forActor("bob")).isEmpty();
	}

}
