package dev.mfaportal.emulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the emulator knows and which faults it injects.
 *
 * @param users the long-term identities that may sign requests
 * @param roles the roles those users may assume
 * @param iamDeniedUsers names of users whose IAM calls ({@code ListMFADevices}) are
 * refused, even for their own devices
 * @param responseDelay how long every answer is held back after it is computed
 * @param disabledRegions regions whose requests fail with {@code RegionDisabledException}
 * @param maxRequestsPerSecond above this, requests fail with {@code Throttling}; 0 means
 * unlimited
 * @param forcedFailure an error every request gets, or {@code null} for normal operation
 */
public record EmulatorSettings(List<EmulatedUser> users, List<EmulatedRole> roles, Set<String> iamDeniedUsers,
		Duration responseDelay, Set<String> disabledRegions, int maxRequestsPerSecond, ForcedFailure forcedFailure) {

	public EmulatorSettings {
		users = List.copyOf(users);
		roles = List.copyOf(roles);
		iamDeniedUsers = Set.copyOf(iamDeniedUsers);
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
		Set<String> arns = new HashSet<>();
		for (EmulatedRole role : roles) {
			if (!arns.add(role.arn())) {
				throw new IllegalArgumentException("Duplicate role " + role.arn());
			}
		}
	}

	/** No roles, no one denied IAM: the settings as they were before roles existed. */
	public EmulatorSettings(List<EmulatedUser> users, Duration responseDelay, Set<String> disabledRegions,
			int maxRequestsPerSecond, ForcedFailure forcedFailure) {
		this(users, List.of(), Set.of(), responseDelay, disabledRegions, maxRequestsPerSecond, forcedFailure);
	}

	/** These users, no roles, no faults. */
	public static EmulatorSettings of(EmulatedUser... users) {
		return new EmulatorSettings(List.of(users), Duration.ZERO, Set.of(), 0, null);
	}

	/**
	 * The demo user with the demo MFA device, the demo role and the demo role that
	 * requires MFA, no faults: what the portal's demo profile runs.
	 */
	public static EmulatorSettings demo() {
		return of(EmulatedUser.demo()).withRoles(List.of(EmulatedRole.demo(), EmulatedRole.demoRequiringMfa()));
	}

	public EmulatorSettings withUsers(List<EmulatedUser> users) {
		return new EmulatorSettings(users, this.roles, this.iamDeniedUsers, this.responseDelay, this.disabledRegions,
				this.maxRequestsPerSecond, this.forcedFailure);
	}

	public EmulatorSettings withRoles(List<EmulatedRole> roles) {
		return new EmulatorSettings(this.users, roles, this.iamDeniedUsers, this.responseDelay, this.disabledRegions,
				this.maxRequestsPerSecond, this.forcedFailure);
	}

	public EmulatorSettings withIamDeniedUsers(Set<String> iamDeniedUsers) {
		return new EmulatorSettings(this.users, this.roles, iamDeniedUsers, this.responseDelay, this.disabledRegions,
				this.maxRequestsPerSecond, this.forcedFailure);
	}

	public EmulatorSettings withResponseDelay(Duration responseDelay) {
		return new EmulatorSettings(this.users, this.roles, this.iamDeniedUsers, responseDelay, this.disabledRegions,
				this.maxRequestsPerSecond, this.forcedFailure);
	}

	public EmulatorSettings withDisabledRegions(Set<String> disabledRegions) {
		return new EmulatorSettings(this.users, this.roles, this.iamDeniedUsers, this.responseDelay, disabledRegions,
				this.maxRequestsPerSecond, this.forcedFailure);
	}

	public EmulatorSettings withMaxRequestsPerSecond(int maxRequestsPerSecond) {
		return new EmulatorSettings(this.users, this.roles, this.iamDeniedUsers, this.responseDelay,
				this.disabledRegions, maxRequestsPerSecond, this.forcedFailure);
	}

	/** {@code null} turns the forced failure off. */
	public EmulatorSettings withForcedFailure(ForcedFailure forcedFailure) {
		return new EmulatorSettings(this.users, this.roles, this.iamDeniedUsers, this.responseDelay,
				this.disabledRegions, this.maxRequestsPerSecond, forcedFailure);
	}

}
