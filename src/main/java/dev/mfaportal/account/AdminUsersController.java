package dev.mfaportal.account;

import java.time.Clock;
import java.util.regex.Pattern;

import dev.mfaportal.limit.DeviceLocks;
import dev.mfaportal.security.Actor;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;

/**
 * Admins add members, disable and re-enable them, reset their passwords and unlock their
 * devices. A new or reset password is a one-time password, shown once to the admin and
 * changed by the member at first sign-in.
 */
@Controller
@Profile("team")
class AdminUsersController {

	static final String LIST_VIEW = "admin/users";

	static final String MEMBER_VIEW = "admin/member";

	static final String ONE_TIME_VIEW = "admin/one-time-password";

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final DeviceLocks locks;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	AdminUsersController(UserRepository users, PasswordEncoder encoder, DeviceLocks locks, Clock clock,
			ApplicationEventPublisher events) {
		this.users = users;
		this.encoder = encoder;
		this.locks = locks;
		this.clock = clock;
		this.events = events;
	}

	@InitBinder("newMemberForm")
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("username", "email", "admin");
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
	}

	@GetMapping("/admin/users")
	String list(Model model) {
		model.addAttribute("newMemberForm", new NewMemberForm("", "", false));
		model.addAttribute("members", this.users.all());
		return LIST_VIEW;
	}

	@PostMapping("/admin/users")
	String add(@ModelAttribute NewMemberForm newMemberForm, BindingResult result, Model model,
			HttpServletResponse response) {
		if (newMemberForm.username() == null || !USERNAME.matcher(newMemberForm.username()).matches()) {
			result.rejectValue("username", "admin.member.username.format");
		}
		if (StringUtils.hasText(newMemberForm.email()) && !EMAIL.matcher(newMemberForm.email()).matches()) {
			result.rejectValue("email", "admin.member.email.format");
		}
		String password = FirstAdmin.OneTimePasswords.generate();
		if (!result.hasErrors()) {
			try {
				this.users.insert(newMemberForm.username(), newMemberForm.email(), this.encoder.encode(password),
						newMemberForm.isAdmin(), true, this.clock.instant());
				changed(newMemberForm.username(), MemberChanged.Change.ADDED);
			}
			catch (DuplicateKeyException taken) {
				result.rejectValue("username", "admin.member.username.taken");
			}
		}
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("members", this.users.all());
			return LIST_VIEW;
		}
		return oneTime(newMemberForm.username(), password, model, response);
	}

	@GetMapping("/admin/users/{id}")
	String member(@PathVariable String id, Model model) {
		PortalUser member = find(id);
		model.addAttribute("member", member);
		model.addAttribute("locks", this.locks.lockedFor(member.username()));
		return MEMBER_VIEW;
	}

	@PostMapping("/admin/users/{id}/disable")
	String disable(@PathVariable String id, RedirectAttributes redirect) {
		PortalUser member = find(id);
		if (member.username().equals(Actor.current())) {
			return flash(redirect, "admin.member.notYourself", member);
		}
		if (!this.users.disableUnlessLastAdmin(member.id())) {
			redirect.addFlashAttribute("flashError", true);
			return flash(redirect, "admin.member.lastAdmin", member);
		}
		changed(member.username(), MemberChanged.Change.DISABLED);
		return flash(redirect, "admin.member.disabled", member);
	}

	@PostMapping("/admin/users/{id}/enable")
	String enable(@PathVariable String id, RedirectAttributes redirect) {
		PortalUser member = find(id);
		this.users.setEnabled(member.id(), true);
		changed(member.username(), MemberChanged.Change.ENABLED);
		return flash(redirect, "admin.member.enabled", member);
	}

	@PostMapping("/admin/users/{id}/reset-password")
	String resetPassword(@PathVariable String id, Model model, HttpServletResponse response) {
		PortalUser member = find(id);
		String password = FirstAdmin.OneTimePasswords.generate();
		this.users.setPassword(member.id(), this.encoder.encode(password), true, this.clock.instant());
		// The admin reset it because the old one may be known: MemberSessionFilter ends
		// every session of the member signed in before now, on any instance.
		changed(member.username(), MemberChanged.Change.PASSWORD_RESET);
		return oneTime(member.username(), password, model, response);
	}

	@PostMapping("/admin/users/{id}/unlock")
	String unlock(@PathVariable String id, @RequestParam(required = false) String serialNumber,
			RedirectAttributes redirect) {
		PortalUser member = find(id);
		if (serialNumber != null) {
			this.locks.unlock(member.username(), serialNumber, Actor.current());
		}
		redirect.addFlashAttribute("flash", "admin.member.unlocked");
		redirect.addFlashAttribute("flashArgument", member.username());
		return "redirect:/admin/users/" + member.id();
	}

	private void changed(String member, MemberChanged.Change change) {
		this.events.publishEvent(new MemberChanged(this.clock.instant(), Actor.current(), member, change));
	}

	private String oneTime(String username, String password, Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("username", username);
		model.addAttribute("oneTimePassword", password);
		return ONE_TIME_VIEW;
	}

	private String flash(RedirectAttributes redirect, String key, PortalUser member) {
		redirect.addFlashAttribute("flash", key);
		redirect.addFlashAttribute("flashArgument", member.username());
		return "redirect:/admin/users";
	}

	private PortalUser find(String id) {
		if (!id.matches("\\d{1,18}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return this.users.findById(Long.parseLong(id))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
