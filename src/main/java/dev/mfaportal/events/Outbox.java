package dev.mfaportal.events;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.mfaportal.snippet.Json;
import dev.mfaportal.system.SqlTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a feature puts an event: a row of {@code event_outbox} written with the caller's
 * connection, so in the caller's transaction. The row and what it records stand or fall
 * together; the sender takes it from there. Without a webhook no row is written, and with
 * {@code portal.events.log} each event is also one JSON line on {@code mfaportal.events}
 * once its transaction has committed.
 */
@Component
public class Outbox {

	private static final Logger eventLog = LoggerFactory.getLogger("mfaportal.events");

	static final int PAYLOAD_SIZE = 8000;

	static final int SUMMARY_SIZE = 1000;

	private final JdbcClient jdbc;

	private final EventSettings settings;

	private final Clock clock;

	Outbox(JdbcClient jdbc, EventSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Adds the event in the caller's transaction, if any.
	 * @return the event's id
	 */
	public String add(OutboxEvent event) {
		String id = UUID.randomUUID().toString();
		String json = json(id, event);
		if (this.settings.delivers()) {
			Instant now = this.clock.instant();
			this.jdbc.sql(
					"insert into event_outbox (event_id, type, actor, order_key, occurred_at, payload, summary, status, "
							+ "next_attempt_at, give_up_at) values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
				.params(id, cut(event.type(), 64), cut(event.actor(), 128),
						cut((event.orderKey() != null) ? event.orderKey() : event.actor(), 160),
						SqlTime.of(event.time()), json, cut(event.summary(), SUMMARY_SIZE), SqlTime.of(now),
						SqlTime.of(now.plus(this.settings.maxAge())))
				.update();
		}
		if (this.settings.log()) {
			afterCommit(() -> eventLog.info(json));
		}
		return id;
	}

	/**
	 * The event as it is sent: id, type, time, actor, instance, then the row's fields;
	 * cut to fit, field by field from the last, rather than failing the row it records.
	 */
	private String json(String id, OutboxEvent event) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", id);
		fields.put("type", event.type());
		fields.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time().truncatedTo(ChronoUnit.MILLIS)));
		fields.put("actor", event.actor());
		fields.put("instance", this.settings.instance());
		event.fields().forEach((name, value) -> {
			if (value != null && !fields.containsKey(name)) {
				fields.put(name, (value instanceof Number || value instanceof String) ? value : value.toString());
			}
		});
		String json = Json.object(fields);
		while (json.length() > PAYLOAD_SIZE && fields.size() > 5) {
			fields.remove(fields.keySet().stream().reduce((first, second) -> second).orElseThrow());
			json = Json.object(fields);
		}
		return json;
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	private static String cut(String value, int size) {
		String text = (value != null) ? value.replace('\u0000', '\uFFFD') : "";
		return (text.length() <= size) ? text : text.substring(0, size);
	}

}
