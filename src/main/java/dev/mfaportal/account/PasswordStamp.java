package dev.mfaportal.account;

/**
 * A signed-in member's principal, password or single sign-on, remembers which of the
 * member's passwords was current at sign-in: once it has been set again, by the member
 * elsewhere or by an admin, {@link MemberSessionFilter} ends the session.
 */
interface PasswordStamp {

	/** {@code portal_user.password_version} when the member signed in. */
	long passwordVersion();

}
