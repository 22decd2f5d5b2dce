package dev.mfaportal.account;

import java.time.Instant;

/**
 * Someone tried to sign in to team mode. Holds no password. A name that is no member's is
 * left out ({@code member} is {@code null}): people type their password into the name
 * field, and an unknown name is all such a slip leaves.
 *
 * @param at when
 * @param member the member who signed in or whose name was tried, or {@code null}
 * @param clientAddress from where, as the trusted proxies (if any) say
 * @param result how it ended
 */
public record SignInAttempted(Instant at, String member, String clientAddress, Result result) {

	/** How a sign-in ended. */
	public enum Result {

		/** Signed in, with a password or through single sign-on. */
		SUCCEEDED,
		/** A wrong name or password, or a disabled member. */
		FAILED,
		/**
		 * Refused before the password was checked: too many failures for the name or the
		 * address.
		 */
		THROTTLED

	}

}
