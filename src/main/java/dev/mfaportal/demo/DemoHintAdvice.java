package dev.mfaportal.demo;

import java.time.Clock;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.Totp;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Shows the demo device and its current code on every page, as an authenticator app
 * would.
 */
@ControllerAdvice
@Profile("demo")
class DemoHintAdvice {

	private final Clock clock;

	DemoHintAdvice() {
		this(Clock.systemUTC());
	}

	DemoHintAdvice(Clock clock) {
		this.clock = clock;
	}

	@ModelAttribute("demo")
	DemoHint demo() {
		EmulatedMfaDevice device = EmulatedMfaDevice.demo();
		long secondsLeft = 30 - (this.clock.instant().getEpochSecond() % 30);
		return new DemoHint(device.serialNumber(), Totp.currentCode(device.base32Secret(), this.clock), secondsLeft);
	}

	/** What the form's demo box shows. */
	record DemoHint(String serialNumber, String code, long secondsLeft) {

	}

}
