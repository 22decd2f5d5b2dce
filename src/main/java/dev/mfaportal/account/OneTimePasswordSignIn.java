package dev.mfaportal.account;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.Authentication;

/**
 * A one-time password signs in once, and only within
 * {@code portal.team.one-time-password-ttl} of being made: an admin has seen it, and it
 * may have travelled by mail or chat, so it must not stay a way in. The session it opens
 * can do nothing but choose a password ({@link MemberSessionFilter}). Only the sign-in
 * page goes through here; the password page checks the current password, the one-time one
 * included, without spending it again.
 */
class OneTimePasswordSignIn implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final UserRepository users;

	private final TeamSettings settings;

	private final Clock clock;

	OneTimePasswordSignIn(AuthenticationProvider passwords, UserRepository users, TeamSettings settings, Clock clock) {
		this.passwords = passwords;
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		Authentication signedIn = this.passwords.authenticate(attempt);
		if (signedIn == null) {
			return null;
		}
		PortalUser member = this.users.findByUsername(signedIn.getName())
			.orElseThrow(() -> new OneTimePasswordSpentException());
		if (member.mustChangePassword()) {
			Instant now = this.clock.instant();
			if (!this.users.spendOneTimePassword(member.id(), now.minus(this.settings.oneTimePasswordTtl()), now)) {
				throw new OneTimePasswordSpentException();
			}
		}
		return signedIn;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwords.supports(authentication);
	}

	/** The one-time password was right, but used before or too old; the page says so. */
	static class OneTimePasswordSpentException extends CredentialsExpiredException {

		OneTimePasswordSpentException() {
			super("One-time password spent or expired");
		}

	}

}
