package dev.mfaportal.help;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The help page at {@code /help}. It needs the same session as every other page: the
 * security chains' {@code anyRequest().authenticated()} covers it in local and in team
 * mode.
 */
@Controller
class HelpController {

	static final String VIEW = "help/guide";

	static final String PATH = "/help";

	@GetMapping(PATH)
	String guide() {
		return VIEW;
	}

}
