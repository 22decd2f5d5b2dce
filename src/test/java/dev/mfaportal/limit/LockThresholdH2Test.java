package dev.mfaportal.limit;

import java.time.Clock;

import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.PortalWithEmulator;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class LockThresholdH2Test extends LockThresholdContract {

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(NINE), Clock.systemUTC());

	@Override
	TestEmulator emulator() {
		return emulator;
	}

}
