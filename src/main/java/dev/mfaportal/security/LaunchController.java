package dev.mfaportal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Exchanges the launch link for a session cookie, once, then sends the browser on without
 * the token in its address bar or history. A spent or unknown link gets a page that says
 * how to get a fresh one.
 */
@Controller
class LaunchController {

	static final String LAUNCH_REQUIRED_VIEW = "security/launch-required";

	private final LaunchToken token;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	LaunchController(LaunchToken token) {
		this.token = token;
	}

	@GetMapping("/launch")
	String launch(@RequestParam(required = false) String token, HttpServletRequest request,
			HttpServletResponse response) {
		LaunchToken.Use use = this.token.spend(token);
		if (use != LaunchToken.Use.ADMITTED) {
			if (ownerAlready()) {
				// the owner's browser followed its spent link again (a reload, the
				// history)
				return "redirect:/";
			}
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			request.setAttribute((use == LaunchToken.Use.USED) ? "usedToken" : "invalidToken", true);
			return LAUNCH_REQUIRED_VIEW;
		}
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(LocalOwner.name(), null,
				AuthorityUtils.createAuthorityList("ROLE_OWNER")));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		return "redirect:/";
	}

	private static boolean ownerAlready() {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken);
	}

	@GetMapping("/launch-required")
	String launchRequired(HttpServletResponse response) {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		return LAUNCH_REQUIRED_VIEW;
	}

}
