package dev.mfaportal.emulator;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OneTimeCodesTest {

	private final EmulatedMfaDevice device = EmulatedMfaDevice.demo();

	private final Instant now = Instant.parse("2026-05-26T12:00:10Z");

	private final OneTimeCodes codes = new OneTimeCodes();

	@Test
	void acceptWhenCodeOfPreviousCurrentOrNextStepThenAccepted() {
		long step = Totp.step(this.now);
		assertThat(this.codes.accept(this.device, codeAt(step - 1), this.now)).isTrue();
		assertThat(this.codes.accept(this.device, codeAt(step), this.now)).isTrue();
		assertThat(this.codes.accept(this.device, codeAt(step + 1), this.now)).isTrue();
	}

	@Test
	void acceptWhenCodeTwoStepsAwayThenRejected() {
		long step = Totp.step(this.now);
		assertThat(this.codes.accept(this.device, codeAt(step - 2), this.now)).isFalse();
		assertThat(this.codes.accept(this.device, codeAt(step + 2), this.now)).isFalse();
	}

	@Test
	void acceptWhenCodeUsedBeforeThenRejectedWhileStillInWindow() {
		String code = codeAt(Totp.step(this.now));
		assertThat(this.codes.accept(this.device, code, this.now)).isTrue();
		assertThat(this.codes.accept(this.device, code, this.now)).isFalse();
		assertThat(this.codes.accept(this.device, code, this.now.plusSeconds(30))).isFalse();
	}

	@Test
	void acceptWhenSameCodeOnAnotherDeviceThenIndependent() {
		EmulatedMfaDevice twin = new EmulatedMfaDevice("arn:aws:iam::123456789012:mfa/twin",
				this.device.base32Secret());
		String code = codeAt(Totp.step(this.now));
		assertThat(this.codes.accept(this.device, code, this.now)).isTrue();
		assertThat(this.codes.accept(twin, code, this.now)).isTrue();
	}

	private String codeAt(long step) {
		return Totp.code(this.device.secretKey(), step);
	}

}
