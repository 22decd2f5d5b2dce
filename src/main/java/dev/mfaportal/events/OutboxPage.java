package dev.mfaportal.events;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outbox as an admin reads it, the same in both modes: counts, the newest events with
 * their last answer, and "send again" for those not sent. Only ids, types and the
 * receiver's words: the payload is the history row, which the history shows.
 */
final class OutboxPage {

	static final String VIEW = "events/outbox";

	static final int SHOWN = 100;

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final List<String> STATUSES = List.of("PENDING", "FAILED", "SENT");

	private OutboxPage() {
	}

	static String show(OutboxRows rows, EventSettings settings, String status, String path, Model model) {
		String shown = (status != null && STATUSES.contains(status)) ? status : null;
		model.addAttribute("configured", settings.delivers());
		model.addAttribute("target", settings.delivers() ? settings.webhookUrl().getHost() : null);
		model.addAttribute("path", path);
		model.addAttribute("status", shown);
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("utc", UTC);
		if (settings.delivers()) {
			model.addAttribute("pending", rows.count("PENDING"));
			model.addAttribute("failed", rows.count("FAILED"));
			model.addAttribute("sent", rows.count("SENT"));
			model.addAttribute("events", rows.recent(shown, SHOWN));
		}
		return VIEW;
	}

	static String resend(OutboxRows rows, EventSettings settings, Clock clock, String eventId, String path,
			RedirectAttributes redirect) {
		boolean again = eventId.length() <= 36 && rows.resend(eventId, clock.instant(), settings.maxAge());
		redirect.addFlashAttribute("flash", again ? "events.resent" : "events.resend.unknown");
		if (!again) {
			redirect.addFlashAttribute("flashError", true);
		}
		return "redirect:" + path;
	}

}
