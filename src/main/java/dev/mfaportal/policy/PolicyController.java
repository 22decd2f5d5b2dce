package dev.mfaportal.policy;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/policy} (admins only, as all of {@code /admin}): the policy in force, its
 * file and when it was read, the error of a change that was refused, and the answer to
 * "what may NAME get?".
 */
@Controller
@Profile("team")
class PolicyController {

	static final String VIEW = "admin/policy";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+=-]{1,64}");

	private final PolicyFile file;

	private final TeamPolicy policy;

	PolicyController(PolicyFile file, TeamPolicy policy) {
		this.file = file;
		this.policy = policy;
	}

	@GetMapping("/admin/policy")
	String show(@RequestParam(name = "name", required = false) String name, Model model, HttpServletResponse response) {
		PolicyFile.State state = this.file.state();
		model.addAttribute("policyState", state);
		model.addAttribute("policyPath", (this.file.path() != null) ? this.file.path().toString() : null);
		model.addAttribute("policy", state.policy());
		if (name != null && !name.isBlank()) {
			String asked = name.trim();
			model.addAttribute("asked", (asked.length() > 64) ? asked.substring(0, 64) : asked);
			if (NAME.matcher(asked).matches()) {
				model.addAttribute("grants", this.policy.grantsByPolicyGroups(asked));
			}
			else {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				model.addAttribute("badName", true);
			}
		}
		return VIEW;
	}

}
