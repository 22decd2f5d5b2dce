package dev.mfaportal.account;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Members as Spring Security sees them. A disabled member can't sign in; a signed-in
 * member disabled on another instance is refused on the next request
 * ({@link MemberStillEnabledFilter}).
 */
class MemberDetailsService implements UserDetailsService {

	private final UserRepository users;

	MemberDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		PortalUser user = this.users.findByUsername(username)
			.filter((u) -> u.passwordHash() != null)
			.orElseThrow(() -> new UsernameNotFoundException("No such member"));
		return User.withUsername(user.username())
			.password(user.passwordHash())
			.disabled(!user.enabled())
			.authorities(authorities(user))
			.build();
	}

	static List<SimpleGrantedAuthority> authorities(PortalUser user) {
		return user.admin()
				? List.of(new SimpleGrantedAuthority("ROLE_MEMBER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));
	}

}
