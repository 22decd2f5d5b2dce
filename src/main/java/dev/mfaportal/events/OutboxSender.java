package dev.mfaportal.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox, on every instance that has a webhook: claims due events, posts
 * each, and marks it sent, or failed and due again after a backoff (about a second, then
 * doubling to a minute, with jitter) until its {@code max-age} has passed. Its own
 * thread, so a receiver that hangs slows nothing but the events.
 */
@Component
class OutboxSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxSender.class);

	static final int BATCH = 10;

	static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

	static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	static final Duration KEEP_SENT = Duration.ofDays(7);

	static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

	private final OutboxRows rows;

	private final EventSettings settings;

	private final Clock clock;

	private ScheduledExecutorService executor;

	private final WebhookPost webhook;

	private Instant nextPurge = Instant.EPOCH;

	/**
	 * Who holds this sender's leases: the instance's name and a random part, so two
	 * senders given the same name (or one restarted) never mark each other's claims.
	 */
	private final String owner;

	OutboxSender(OutboxRows rows, EventSettings settings, Clock clock) {
		this.rows = rows;
		this.settings = settings;
		this.clock = clock;
		this.owner = cut(settings.instance(), 150) + "/" + UUID.randomUUID();
		this.webhook = settings.delivers() ? new WebhookPost(settings) : null;
	}

	private static String cut(String text, int size) {
		return (text.length() <= size) ? text : text.substring(0, size);
	}

	@Override
	public synchronized void start() {
		if (!this.settings.delivers() || this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "event-outbox");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.pollInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::deliverSafely, every, every, TimeUnit.MILLISECONDS);
		logger.info("Sending events to {} ({}), retrying each for up to {}", this.settings.webhookUrl().getHost(),
				this.settings.format(), this.settings.maxAge());
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void deliverSafely() {
		try {
			deliverAllDue();
			purge();
		}
		catch (RuntimeException ex) {
			// The database away, say: the events wait in it, and the next round tries
			// again.
			logger.warn("Events could not be delivered this round: {}", ex.toString());
		}
	}

	/**
	 * Rounds until none claims anything. Not only while rounds are full: most events
	 * share an order key with the one before (in local mode every event is the one
	 * person's), and a round takes only the oldest of each key, so one due key alone
	 * makes rounds of one. An event that fails waits for its backoff, so it ends the
	 * rounds rather than spinning them.
	 */
	void deliverAllDue() {
		while (deliver() > 0) {
			// more may be due
		}
	}

	/**
	 * One round: claims and posts up to {@link #BATCH} due events.
	 * @return how many were claimed
	 */
	int deliver() {
		// Each post of the round in its timeout, and some seconds to claim and mark: a
		// sender killed mid-round holds its events no longer than that. Should a slow
		// round
		// outlive it, another sender posts the rest again (a duplicate), and the late
		// sender's marks don't count.
		Duration lease = this.settings.requestTimeout().multipliedBy(BATCH + 1).plus(LEASE_MARGIN);
		List<OutboxRow> claimed = this.rows.claim(this.owner, this.clock.instant(), lease, BATCH);
		for (OutboxRow event : claimed) {
			WebhookPost.Answer answer = this.webhook.send(event);
			Instant now = this.clock.instant();
			if (answer.delivered()) {
				if (!this.rows.sent(event.seq(), this.owner, answer.status(), now)) {
					logger.info("Event {} delivered after this sender's lease passed: it may go again",
							event.eventId());
				}
			}
			else {
				this.rows.failed(event.seq(), this.owner, answer.status(), answer.error(), now,
						now.plus(backoff(event.attempts())));
				logger.warn("Event {} ({}) not delivered, try {}: {}", event.eventId(), event.type(),
						event.attempts() + 1, answer.error());
			}
		}
		return claimed.size();
	}

	/**
	 * Exponential from a second to a minute, each wait drawn between half and all of it
	 * (so instances that failed together don't retry together).
	 */
	static Duration backoff(int attemptsBefore) {
		long ceiling = Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(attemptsBefore, 16));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
	}

	private void purge() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.nextPurge)) {
			this.nextPurge = now.plus(Duration.ofHours(1));
			this.rows.deleteSentBefore(now.minus(KEEP_SENT));
		}
	}

}
