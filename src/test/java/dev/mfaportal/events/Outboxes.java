package dev.mfaportal.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outboxes for tests that build the audit's repository by hand, and the portal's own
 * messages for them.
 */
public final class Outboxes {

	private Outboxes() {
	}

	/** An outbox with no webhook: it writes no row. */
	public static Outbox off(JdbcClient jdbc) {
		return new Outbox(jdbc, settings(null, null), Clock.systemUTC());
	}

	/** An outbox that writes a row for each event, bound for {@code url}. */
	public static Outbox to(JdbcClient jdbc, URI url, Clock clock) {
		return new Outbox(jdbc, settings(url, "test-secret"), clock);
	}

	static EventSettings settingsFor(URI url, String secret) {
		return settings(url, secret);
	}

	static EventSettings settings(URI url, String secret) {
		return new EventSettings(url, secret, EventSettings.Format.JSON, Duration.ofHours(24), false, false,
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), "test-instance");
	}

	/** The portal's messages, as {@code spring.messages.*} configures them. */
	public static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

}
