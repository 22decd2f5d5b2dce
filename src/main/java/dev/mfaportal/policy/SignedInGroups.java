package dev.mfaportal.policy;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * The groups single sign-on gives the member signed in now: the values of the claim
 * {@code portal.team.groups-claim} of their ID token or user info, a list or one string
 * of names split at commas and spaces. Only the member acting now has them: another
 * member's groups are the policy's alone, since the portal keeps no one's claims (but for
 * the names a rule counts members by, which an approval request keeps for its approvers:
 * {@link TeamPolicy#signedInGroups}).
 */
final class SignedInGroups {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+=-]{1,64}");

	// More groups than a policy could name is a token meant for something else.
	private static final int MAX_GROUPS = 200;

	private final String claim;

	SignedInGroups(String claim) {
		this.claim = (claim != null && !claim.isBlank()) ? claim.trim() : null;
	}

	List<String> of(String member) {
		if (this.claim == null) {
			return List.of();
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !member.equals(authentication.getName())
				|| !(authentication.getPrincipal() instanceof OAuth2User user)) {
			return List.of();
		}
		Object value = user.getAttributes().get(this.claim);
		Stream<String> names;
		if (value instanceof Collection<?> values) {
			names = values.stream().map(String::valueOf);
		}
		else if (value instanceof String text) {
			names = Stream.of(text.split("[,\\s]+"));
		}
		else {
			return List.of();
		}
		// A name the policy could not hold is dropped rather than matched loosely.
		return names.filter((name) -> NAME.matcher(name).matches()).distinct().limit(MAX_GROUPS).toList();
	}

}
