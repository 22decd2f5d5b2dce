package dev.mfaportal.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceFormTest {

	@Test
	void numberedLabelWhenFirstThenTheNameItselfTrimmed() {
		assertThat(DeviceForm.numberedLabel(" work ", 1)).isEqualTo("work");
	}

	@Test
	void numberedLabelWhenLaterThenNumberedInParentheses() {
		assertThat(DeviceForm.numberedLabel("work", 2)).isEqualTo("work (2)");
		assertThat(DeviceForm.numberedLabel("work", 12)).isEqualTo("work (12)");
	}

	@Test
	void numberedLabelWhenNameTooLongThenCutSoTheNumberStillFits() {
		assertThat(DeviceForm.numberedLabel("a".repeat(80), 1)).isEqualTo("a".repeat(64));
		assertThat(DeviceForm.numberedLabel("a".repeat(80), 10)).isEqualTo("a".repeat(59) + " (10)").hasSize(64);
	}

	@Test
	void numberedLabelWhenCutFallsInsideAnEmojiThenTheWholeEmojiGoes() {
		String name = "a".repeat(63) + "🔐";
		assertThat(DeviceForm.numberedLabel(name, 1)).isEqualTo("a".repeat(63));
	}

}
