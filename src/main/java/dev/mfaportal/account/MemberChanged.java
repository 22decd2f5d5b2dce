package dev.mfaportal.account;

import java.time.Instant;

/**
 * A member was added, disabled, enabled or given a new password. Holds no password, not
 * even a one-time one.
 *
 * @param at when
 * @param actor who did it: an admin, or the member changing their own password
 * @param member whom it was done to
 * @param change what was done
 */
public record MemberChanged(Instant at, String actor, String member, Change change) {

	/** What an admin, or the member, did. */
	public enum Change {

		/** An admin added the member, with a one-time password. */
		ADDED,
		/** An admin disabled the member; their sessions ended. */
		DISABLED,
		/** An admin enabled the member again. */
		ENABLED,
		/** An admin gave the member a one-time password; their sessions ended. */
		PASSWORD_RESET,
		/** The member set a new password; their other sessions ended. */
		PASSWORD_CHANGED

	}

}
