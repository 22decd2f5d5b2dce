package dev.mfaportal.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The faults the emulator injects, for tests: not part of what the demo can configure.
 * Tests set them through {@code TestEmulator} (in the test sources of this package).
 *
 * @param responseDelay how long every answer is held back after it is computed
 * @param disabledRegions regions whose requests fail with {@code RegionDisabledException}
 * @param maxRequestsPerSecond above this, requests fail with {@code Throttling}; 0 means
 * unlimited
 * @param forcedFailure an error every request gets, or {@code null} for normal operation
 */
record Faults(Duration responseDelay, Set<String> disabledRegions, int maxRequestsPerSecond,
		ForcedFailure forcedFailure) {

	static final Faults NONE = new Faults(Duration.ZERO, Set.of(), 0, null);

	Faults {
		Objects.requireNonNull(responseDelay, "responseDelay");
		if (responseDelay.isNegative()) {
			throw new IllegalArgumentException("responseDelay must not be negative");
		}
		disabledRegions = Set.copyOf(disabledRegions);
		if (maxRequestsPerSecond < 0) {
			throw new IllegalArgumentException("maxRequestsPerSecond must be 0 (unlimited) or more");
		}
	}

	Faults withResponseDelay(Duration responseDelay) {
		return new Faults(responseDelay, this.disabledRegions, this.maxRequestsPerSecond, this.forcedFailure);
	}

	Faults withDisabledRegions(Set<String> disabledRegions) {
		return new Faults(this.responseDelay, disabledRegions, this.maxRequestsPerSecond, this.forcedFailure);
	}

	Faults withMaxRequestsPerSecond(int maxRequestsPerSecond) {
		return new Faults(this.responseDelay, this.disabledRegions, maxRequestsPerSecond, this.forcedFailure);
	}

	Faults withForcedFailure(ForcedFailure forcedFailure) {
		return new Faults(this.responseDelay, this.disabledRegions, this.maxRequestsPerSecond, forcedFailure);
	}

}
