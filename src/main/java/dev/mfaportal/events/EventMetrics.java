package dev.mfaportal.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What Prometheus sees of the outbox: how many events wait, and how old the oldest is, so
 * an alert can fire on a receiver that has been down too long. Read at each scrape; a
 * database that can't answer gives no value rather than a wrong one.
 */
@Component
class EventMetrics {

	EventMetrics(MeterRegistry meters, OutboxRows rows, EventSettings settings, Clock clock) {
		if (!settings.delivers()) {
			return;
		}
		Gauge.builder("portal.events.pending", rows, (outbox) -> safely(() -> outbox.count("PENDING")))
			.description("Events not yet delivered to the webhook")
			.register(meters);
		Gauge.builder("portal.events.failed", rows, (outbox) -> safely(() -> outbox.count("FAILED")))
			.description("Events given up on after portal.events.max-age")
			.register(meters);
		Gauge.builder("portal.events.oldest.pending.age", rows, (outbox) -> safely(() -> {
			Instant oldest = outbox.oldestPending();
			return (oldest != null) ? Duration.between(oldest, clock.instant()).toMillis() / 1000.0 : 0;
		})).description("Age of the oldest undelivered event").baseUnit("seconds").register(meters);
	}

	private static double safely(java.util.function.Supplier<Number> read) {
		try {
			return read.get().doubleValue();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

}
