package dev.mfaportal.account;

import java.time.Instant;

/**
 * A member of the team.
 */
record PortalUser(long id, String username, String email, String passwordHash, boolean admin, boolean enabled,
		boolean mustChangePassword, Instant createdAt) {

	@Override
	public String toString() {
		return "PortalUser[" + this.username + (this.admin ? ", admin" : "") + (this.enabled ? "" : ", disabled") + "]";
	}

}
