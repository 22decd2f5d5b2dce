package dev.mfaportal.emulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Checks MFA codes as RFC 6238 §5.2 asks: the previous, current and next time step are
 * accepted to allow for drift, and a code is accepted once only, so a replayed or retried
 * code fails.
 */
final class OneTimeCodes {

	private final Map<String, NavigableSet<Long>> usedStepsBySerial = new HashMap<>();

	/** True if the code is valid now and was not used before; it is then marked used. */
	synchronized boolean accept(EmulatedMfaDevice device, String code, Instant now) {
		long current = Totp.step(now);
		NavigableSet<Long> used = this.usedStepsBySerial.computeIfAbsent(device.serialNumber(),
				(serial) -> new TreeSet<>());
		// steps that left the window can never match again
		used.headSet(current - 1, false).clear();
		byte[] key = device.secretKey();
		for (long step : new long[] { current, current - 1, current + 1 }) {
			if (!used.contains(step) && Totp.code(key, step).equals(code)) {
				used.add(step);
				return true;
			}
		}
		return false;
	}

}
