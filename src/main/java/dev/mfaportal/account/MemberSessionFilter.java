package dev.mfaportal.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On every signed-in request: ends a session older than the absolute timeout, ends the
 * session of a member who was disabled (on any instance) since signing in, ends one
 * signed in (with a password or through single sign-on) before the member's password was
 * last set, unless this session set it, and sends a member who must change a one-time
 * password to the page that does it, unless they came through single sign-on.
 */
class MemberSessionFilter extends OncePerRequestFilter {

	static final String SIGNED_IN_AT = MemberSessionFilter.class.getName() + ".signedInAt";

	/**
	 * The password version this session set itself, by changing the password: the one
	 * session such a change leaves open.
	 */
	static final String PASSWORD_SET_HERE = MemberSessionFilter.class.getName() + ".passwordSetHere";

	private final UserRepository users;

	private final TeamSettings settings;

	private final Clock clock;

	MemberSessionFilter(UserRepository users, TeamSettings settings, Clock clock) {
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		HttpSession session = request.getSession(false);
		Instant now = this.clock.instant();
		if (session != null) {
			Object signedInAt = session.getAttribute(SIGNED_IN_AT);
			if (signedInAt == null) {
				session.setAttribute(SIGNED_IN_AT, now.toEpochMilli());
			}
			else if (now.toEpochMilli() - (Long) signedInAt > this.settings.sessionAbsoluteTimeout().toMillis()) {
				end(request, response, "expired");
				return;
			}
		}
		Optional<PortalUser> member = this.users.findByUsername(authentication.getName());
		if (member.isEmpty() || !member.get().enabled()) {
			end(request, response, "disabled");
			return;
		}
		if (!sameOrSetHere(member.get().passwordVersion(), authentication, session)) {
			end(request, response, "passwordChanged");
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// An admin has seen the one-time password, so a password session does nothing
		// else until it is
		// replaced; single sign-on doesn't use it, so its sessions aren't held up.
		if (member.get().mustChangePassword() && !SingleSignOn.isSingleSignOn(authentication)
				&& !path.equals(PasswordController.PATH) && !path.equals("/logout") && !isStaticFile(path)) {
			response.sendRedirect(request.getContextPath() + PasswordController.PATH);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The password page's own style, script and icon: redirecting them would leave that
	 * page unstyled and without its script. They are public files, served to anyone.
	 */
	private static boolean isStaticFile(String path) {
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
				|| path.equals("/favicon.ico");
	}

	/**
	 * Whether the password is still the one the member signed in with, or the one this
	 * session set. A principal without a stamp (a password session stored by an older
	 * portal) can't tell, so it counts as set since.
	 */
	private static boolean sameOrSetHere(long passwordVersion, Authentication authentication, HttpSession session) {
		if (authentication.getPrincipal() instanceof PasswordStamp stamp
				&& stamp.passwordVersion() == passwordVersion) {
			return true;
		}
		return session != null && Objects.equals(session.getAttribute(PASSWORD_SET_HERE), passwordVersion);
	}

	private void end(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		response.sendRedirect(request.getContextPath() + "/login?" + reason);
	}

}
