package dev.mfaportal.terminal;

import java.io.IOException;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The person's two buttons: "Stop serving" forgets the held session at once; "New token"
 * replaces the terminal token, so a token that leaked stops working (shells read the file
 * again when they start).
 */
@Controller
@Profile("!team")
class ServingController {

	private final HeldSession held;

	private final TerminalToken token;

	ServingController(HeldSession held, TerminalToken token) {
		this.held = held;
		this.token = token;
	}

	@PostMapping("/terminal/stop")
	String stop() {
		this.held.stop();
		return "redirect:/";
	}

	@PostMapping("/terminal/token")
	String newToken() throws IOException {
		this.token.renew();
		return "redirect:/";
	}

}
