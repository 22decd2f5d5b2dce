package dev.mfaportal.account;

import dev.mfaportal.security.Actor;

import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells every page who is signed in, for the navigation and the sign-out button.
 */
@ControllerAdvice
@Profile("team")
class TeamModelAdvice {

	@ModelAttribute("teamMember")
	TeamMember teamMember() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| "anonymousUser".equals(authentication.getName())) {
			return null;
		}
		return new TeamMember(Actor.current(), Actor.isAdmin());
	}

	/** The signed-in member as the layout shows them. */
	record TeamMember(String name, boolean admin) {

	}

}
