package dev.mfaportal.account;

import java.time.Clock;
import java.time.Instant;

import dev.mfaportal.security.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A member changes their own password, and must after signing in with a one-time
 * password.
 */
@Controller
@Profile("team")
class PasswordController {

	static final String PATH = "/account/password";

	static final String VIEW = "account/password";

	static final int MIN_LENGTH = 12;

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final CurrentPasswordCheck currentPassword;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	PasswordController(UserRepository users, PasswordEncoder encoder, CurrentPasswordCheck currentPassword, Clock clock,
			ApplicationEventPublisher events) {
		this.users = users;
		this.encoder = encoder;
		this.currentPassword = currentPassword;
		this.clock = clock;
		this.events = events;
	}

	@InitBinder("passwordForm")
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("currentPassword", "newPassword", "confirmation");
	}

	@GetMapping(PATH)
	String form(Model model) {
		model.addAttribute("passwordForm", new PasswordForm("", "", ""));
		return VIEW;
	}

	@PostMapping(PATH)
	String change(@ModelAttribute PasswordForm passwordForm, BindingResult result, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		PortalUser member = this.users.findByUsername(Actor.current()).orElseThrow();
		CurrentPasswordCheck.Outcome current = StringUtils.hasLength(passwordForm.currentPassword())
				? this.currentPassword.check(member.username(), passwordForm.currentPassword(), request)
				: CurrentPasswordCheck.Outcome.WRONG;
		if (current == CurrentPasswordCheck.Outcome.THROTTLED) {
			result.rejectValue("currentPassword", "account.password.throttled");
		}
		else if (current == CurrentPasswordCheck.Outcome.WRONG) {
			result.rejectValue("currentPassword", "account.password.currentWrong");
		}
		String chosen = passwordForm.newPassword();
		if (chosen == null || chosen.length() < MIN_LENGTH) {
			result.rejectValue("newPassword", "account.password.length", new Object[] { MIN_LENGTH }, null);
		}
		else if (!PasswordLength.fits(chosen)) {
			result.rejectValue("newPassword", "account.password.tooLong", new Object[] { PasswordLength.MAX_BYTES },
					null);
		}
		else if (chosen.equalsIgnoreCase(member.username()) || chosen.equals(passwordForm.currentPassword())) {
			result.rejectValue("newPassword", "account.password.same");
		}
		else if (!chosen.equals(passwordForm.confirmation())) {
			result.rejectValue("confirmation", "account.password.mismatch");
		}
		if (result.hasErrors()) {
			response.setStatus((current == CurrentPasswordCheck.Outcome.THROTTLED)
					? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.BAD_REQUEST.value());
			return VIEW;
		}
		Instant at = this.clock.instant();
		long version = this.users.setPasswordAndReadVersion(member.id(), this.encoder.encode(chosen), false, at);
		// A new id for this session: an id someone planted or read before the change is
		// worth nothing after it.
		request.changeSessionId();
		// Whoever else holds a session of this member may be the one who learnt the old
		// password: MemberSessionFilter ends every session signed in under an older
		// version but this one, which it knows by this mark.
		request.getSession().setAttribute(MemberSessionFilter.PASSWORD_SET_HERE, version);
		this.events.publishEvent(
				new MemberChanged(at, member.username(), member.username(), MemberChanged.Change.PASSWORD_CHANGED));
		redirect.addFlashAttribute("flash", "account.password.changed");
		return "redirect:/";
	}

}
