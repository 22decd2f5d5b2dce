package dev.mfaportal.emulator;

/**
 * Who AssumeRole credentials act as: a role, under the session name the caller chose.
 *
 * @param role the assumed role
 * @param sessionName the {@code RoleSessionName} of the AssumeRole request
 * @param chained whether the credentials that asked for it were themselves a role's (role
 * chaining)
 */
record AssumedRoleUser(EmulatedRole role, String sessionName, boolean chained) {

	/** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}. */
	String arn() {
		return "arn:aws:sts::" + this.role.account() + ":assumed-role/" + this.role.roleName() + "/" + this.sessionName;
	}

	/** {@code ROLEID:SESSION}, which GetCallerIdentity reports as the {@code UserId}. */
	String assumedRoleId() {
		return this.role.roleId() + ":" + this.sessionName;
	}

}
