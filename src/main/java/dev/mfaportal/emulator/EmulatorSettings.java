package dev.mfaportal.emulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the emulator knows: its users, their roles and who is denied IAM. The faults it
 * can inject are not settings: tests set them on the running emulator.
 *
 * @param users the long-term identities that may sign requests
 * @param roles the roles those users may assume
 * @param iamDeniedUsers names of users whose IAM calls ({@code ListMFADevices}) are
 * refused, even for their own devices
 */
public record EmulatorSettings(List<EmulatedUser> users, List<EmulatedRole> roles, Set<String> iamDeniedUsers) {

	public EmulatorSettings {
		users = List.copyOf(users);
		roles = List.copyOf(roles);
		iamDeniedUsers = Set.copyOf(iamDeniedUsers);
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

	/** These users, no roles, no one denied IAM. */
	public static EmulatorSettings of(EmulatedUser... users) {
		return new EmulatorSettings(List.of(users), List.of(), Set.of());
	}

	/**
	 * The demo user with the demo MFA device, the demo role and the demo role that
	 * requires MFA: what the portal's demo profile runs.
	 */
	public static EmulatorSettings demo() {
		return of(EmulatedUser.demo()).withRoles(List.of(EmulatedRole.demo(), EmulatedRole.demoRequiringMfa()));
	}

	public EmulatorSettings withUsers(List<EmulatedUser> users) {
		return new EmulatorSettings(users, this.roles, this.iamDeniedUsers);
	}

	public EmulatorSettings withRoles(List<EmulatedRole> roles) {
		return new EmulatorSettings(this.users, roles, this.iamDeniedUsers);
	}

	public EmulatorSettings withIamDeniedUsers(Set<String> iamDeniedUsers) {
		return new EmulatorSettings(this.users, this.roles, iamDeniedUsers);
	}

}
