package dev.mfaportal.events;

import java.time.Clock;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox at {@code /events}, for the one person a local portal serves. */
@Controller
@Profile("!team")
class LocalEventsController {

	static final String PATH = "/events";

	private final OutboxRows rows;

	private final EventSettings settings;

	private final Clock clock;

	LocalEventsController(OutboxRows rows, EventSettings settings, Clock clock) {
		this.rows = rows;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping(PATH)
	String outbox(@RequestParam(required = false) String status, Model model) {
		return OutboxPage.show(this.rows, this.settings, status, PATH, model);
	}

	@PostMapping(PATH + "/{eventId}/resend")
	String resend(@PathVariable String eventId, RedirectAttributes redirect) {
		return OutboxPage.resend(this.rows, this.settings, this.clock, eventId, PATH, redirect);
	}

}
