package dev.mfaportal.account;

import java.time.Instant;

/**
 * A member of the team. {@code passwordVersion} counts the times the password was set (by
 * the member or an admin): a session signed in under an older one is over.
 */
record PortalUser(long id, String username, String email, String passwordHash, boolean admin, boolean enabled,
		boolean mustChangePassword, Instant createdAt, long passwordVersion) {

	@Override
	public String toString() {
		return "PortalUser[" + this.username + (this.admin ? ", admin" : "") + (this.enabled ? "" : ", disabled") + "]";
	}

}
