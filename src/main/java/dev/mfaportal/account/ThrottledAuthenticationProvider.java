package dev.mfaportal.account;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in behind the throttle: too many failures for an account name or from an
 * address refuse further tries for a while, with the same answer whether the account
 * exists or not. The attempt is reserved before the password is checked, so attempts sent
 * at once can't outrun the limit.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	private final SignIns signIns;

	ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, SignIns signIns) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.signIns = signIns;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
		Optional<LoginThrottle.Reservation> reserved = this.throttle.reserve(attempt.getName(), address);
		if (reserved.isEmpty()) {
			this.signIns.throttled(attempt.getName(), address);
			throw new SignInThrottledException();
		}
		try {
			Authentication signedIn = this.passwords.authenticate(attempt);
			this.throttle.succeeded(reserved.get());
			return signedIn;
		}
		catch (AuthenticationException ex) {
			this.throttle.failed(reserved.get());
			this.signIns.failed(attempt.getName(), address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.passwords.supports(authentication);
	}

	/** Too many failed sign-ins; the page says to wait. */
	static class SignInThrottledException extends AuthenticationException {

		SignInThrottledException() {
			super("Too many failed sign-ins");
		}

	}

}
