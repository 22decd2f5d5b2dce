package dev.mfaportal.account;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the rest of the portal about each sign-in, as a {@link SignInAttempted}: the
 * throttle's failures and refusals, and the successes of the sign-in page and single
 * sign-on. The throttle also guards the current password a member types to change it, so
 * a wrong one there is told as a failed sign-in too: it is a guess at the same password.
 * (Nothing signs in to {@code /actuator} with a password: a scraper sends its token.)
 */
@Component
@Profile("team")
class SignIns {

	private final UserRepository users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SignIns(UserRepository users, ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	void failed(String name, String address) {
		publish(knownOrNull(name), address, SignInAttempted.Result.FAILED);
	}

	void throttled(String name, String address) {
		publish(knownOrNull(name), address, SignInAttempted.Result.THROTTLED);
	}

	/** {@code then}, once the sign-in it follows is told. */
	AuthenticationSuccessHandler succeeded(AuthenticationSuccessHandler then) {
		return (request, response, authentication) -> {
			publish(authentication.getName(), request.getRemoteAddr(), SignInAttempted.Result.SUCCEEDED);
			then.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private void publish(String member, String address, SignInAttempted.Result result) {
		this.events.publishEvent(new SignInAttempted(this.clock.instant(), member, address, result));
	}

	/**
	 * The name when it is a member's; otherwise nothing, since a name that is no member's
	 * may be a password typed into the wrong field.
	 */
	private String knownOrNull(String name) {
		return (name != null && this.users.findByUsername(name).isPresent()) ? name : null;
	}

}
