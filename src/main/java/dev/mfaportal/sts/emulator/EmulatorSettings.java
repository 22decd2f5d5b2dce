package dev.mfaportal.sts.emulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the emulator knows and which faults it injects.
 *
 * @param users the long-term identities that may sign requests
 * @param responseDelay how long every answer is held back after it is computed
 * @param disabledRegions regions whose requests fail with {@code RegionDisabledException}
 * @param maxRequestsPerSecond above this, requests fail with {@code Throttling}; 0 means unlimited
 * @param forcedFailure an error every request gets, or {@code null} for normal operation
 */
public record EmulatorSettings(List<EmulatedUser> users, Duration responseDelay, Set<String> disabledRegions,
		int maxRequestsPerSecond, ForcedFailure forcedFailure) {

	public EmulatorSettings {
		users = List.copyOf(users);
		disabledRegions = Set.copyOf(disabledRegions);
		Objects.requireNonNull(responseDelay, "responseDelay");
		if (responseDelay.isNegative()) {
			throw new IllegalArgumentException("responseDelay must not be negative");
		}
		if (maxRequestsPerSecond < 0) {
			throw new IllegalArgumentException("maxRequestsPerSecond must be 0 (unlimited) or more");
		}
		Set<String> keys = new HashSet<>();
		for (EmulatedUser user : users) {
			if (!keys.add(user.accessKeyId())) {
				throw new IllegalArgumentException("Duplicate access key id " + user.accessKeyId());
			}
		}
	}

	/** These users, no faults. */
	public static EmulatorSettings of(EmulatedUser... users) {
		return new EmulatorSettings(List.of(users), Duration.ZERO, Set.of(), 0, null);
	}

	/** The demo user with the demo MFA device, no faults: what the portal's demo profile runs. */
	public static EmulatorSettings demo() {
		return of(EmulatedUser.demo());
	}

	public EmulatorSettings withUsers(List<EmulatedUser> users) {
		return new EmulatorSettings(users, this.responseDelay, this.disabledRegions, this.maxRequestsPerSecond,
				this.forcedFailure);
	}

	public EmulatorSettings withResponseDelay(Duration responseDelay) {
		return new EmulatorSettings(this.users, responseDelay, this.disabledRegions, this.maxRequestsPerSecond,
				this.forcedFailure);
	}

	public EmulatorSettings withDisabledRegions(Set<String> disabledRegions) {
		return new EmulatorSettings(this.users, this.responseDelay, disabledRegions, this.maxRequestsPerSecond,
				this.forcedFailure);
	}

	public EmulatorSettings withMaxRequestsPerSecond(int maxRequestsPerSecond) {
		return new EmulatorSettings(this.users, this.responseDelay, this.disabledRegions, maxRequestsPerSecond,
				this.forcedFailure);
	}

	/** {@code null} turns the forced failure off. */
	public EmulatorSettings withForcedFailure(ForcedFailure forcedFailure) {
		return new EmulatorSettings(this.users, this.responseDelay, this.disabledRegions, this.maxRequestsPerSecond,
				forcedFailure);
	}

}
