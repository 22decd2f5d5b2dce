package dev.mfaportal.account;

import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page. Spring Security handles the POST and the single sign-on redirects;
 * the page only shows why the browser is here and which providers it may sign in with.
 */
@Controller
@Profile("team")
class LoginController {

	static final String LOGIN_VIEW = "account/login";

	private final SingleSignOn singleSignOn;

	LoginController(SingleSignOn singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(name = "sso", required = false) String ssoRefusal,
			Model model) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated()) {
			return "redirect:/";
		}
		model.addAttribute("ssoProviders", this.singleSignOn.providers());
		if (ssoRefusal != null) {
			model.addAttribute("ssoRefusal", SingleSignOn.Refusal.messageKey(ssoRefusal));
		}
		return LOGIN_VIEW;
	}

}
