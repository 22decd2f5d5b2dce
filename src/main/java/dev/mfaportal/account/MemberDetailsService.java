package dev.mfaportal.account;

import java.io.Serial;
import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Members as Spring Security sees them. A disabled member can't sign in; a signed-in
 * member disabled on another instance is refused on the next request
 * ({@link MemberSessionFilter}).
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
		return new PasswordMember(user);
	}

	static List<SimpleGrantedAuthority> authorities(PortalUser user) {
		return user.admin()
				? List.of(new SimpleGrantedAuthority("ROLE_MEMBER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));
	}

	/**
	 * A member signed in with a password, as kept in the shared session store (hence
	 * serializable).
	 */
	static final class PasswordMember extends User implements PasswordStamp {

		@Serial
		private static final long serialVersionUID = 1L;

		private final long passwordVersion;

		PasswordMember(PortalUser user) {
			super(user.username(), user.passwordHash(), user.enabled(), true, true, true, authorities(user));
			this.passwordVersion = user.passwordVersion();
		}

		@Override
		public long passwordVersion() {
			return this.passwordVersion;
		}

	}

}
