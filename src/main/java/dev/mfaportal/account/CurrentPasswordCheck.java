package dev.mfaportal.account;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The current password that {@code /account/password} asks for, checked by the sign-in's
 * own throttled provider: a stolen session guessing it counts against the same account
 * and address limits as guesses at the sign-in page, and is refused when they are spent.
 */
class CurrentPasswordCheck {

	enum Outcome {

		RIGHT, WRONG, THROTTLED

	}

	private final AuthenticationProvider passwords;

	CurrentPasswordCheck(AuthenticationProvider passwords) {
		this.passwords = passwords;
	}

	Outcome check(String username, String password, HttpServletRequest request) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
				password);
		attempt.setDetails(new WebAuthenticationDetails(request));
		try {
			this.passwords.authenticate(attempt);
			return Outcome.RIGHT;
		}
		catch (ThrottledAuthenticationProvider.SignInThrottledException ex) {
			return Outcome.THROTTLED;
		}
		catch (AuthenticationException ex) {
			return Outcome.WRONG;
		}
	}

}
