package dev.mfaportal.limit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.HistoryReceipt;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.IssueFailed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts what STS said about each MFA attempt, and locks a device after too many failures
 * in a row. Synchronous, so the very next attempt sees it.
 * <p>
 * A listener that stands alone: it runs after STS has answered, so a database that fails
 * now (whatever with: no connection, no transaction) must neither take the answer from
 * the person nor stop the other listeners. The answer is kept in memory and recorded as
 * soon as the database is back; until then its pending attempt counts as a failure, which
 * errs on the side of the limit. At most {@link #CAPACITY} answers wait; a portal stopped
 * before the database returns loses them, and their pending attempts count until they
 * leave the window.
 */
@Component
class AttemptRecorder {

	static final int CAPACITY = 1000;

	private static final Logger logger = LoggerFactory.getLogger(AttemptRecorder.class);

	private final AttemptRepository attempts;

	private final LockRepository locks;

	private final LimitSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Deque<Answer> unrecorded = new ArrayDeque<>();

	AttemptRecorder(AttemptRepository attempts, LockRepository locks, LimitSettings settings,
			ApplicationEventPublisher events, Clock clock) {
		this.attempts = attempts;
		this.locks = locks;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		recordOrKeep(new Answer(issued.attempt(), AttemptRepository.SUCCESS), issued.receipt());
	}

	/**
	 * A code STS judged wrong counts; for any other failure STS did not judge the code,
	 * so the attempt's place is freed.
	 */
	@EventListener
	void on(IssueFailed failed) {
		if (!failed.admitted()) {
			// nothing was reserved; releasing would free another request's pending
			// attempt
			return;
		}
		recordOrKeep(new Answer(failed.attempt(), failed.mfaRejected() ? AttemptRepository.FAILURE : null),
				failed.receipt());
	}

	private void recordOrKeep(Answer answer, HistoryReceipt receipt) {
		try {
			record(answer);
		}
		catch (RuntimeException ex) {
			logger.warn("Answer to an MFA attempt kept to be recorded later: {}", ex.toString());
			keep(answer);
			receipt.behind();
		}
	}

	private synchronized void keep(Answer answer) {
		if (this.unrecorded.size() >= CAPACITY) {
			Answer dropped = this.unrecorded.removeFirst();
			logger.error("Answer to an MFA attempt of {} at {} dropped: {} answers already wait for the database",
					dropped.attempt().actor(), dropped.attempt().at(), CAPACITY);
		}
		this.unrecorded.addLast(answer);
	}

	/**
	 * Records the kept answers, oldest first, until the database fails again.
	 * @return how many were recorded
	 */
	@Scheduled(fixedDelay = 5000, initialDelay = 5000)
	synchronized int recordKept() {
		int recorded = 0;
		while (!this.unrecorded.isEmpty()) {
			try {
				record(this.unrecorded.peekFirst());
			}
			catch (RuntimeException stillDown) {
				break;
			}
			this.unrecorded.removeFirst();
			recorded++;
		}
		if (recorded > 0) {
			logger.info("Recorded {} answers to MFA attempts kept while the database was unavailable; {} still wait",
					recorded, this.unrecorded.size());
		}
		return recorded;
	}

	private void record(Answer answer) {
		String actor = answer.attempt().actor();
		String serial = answer.attempt().serialNumber();
		if (answer.result() == null) {
			this.attempts.release(actor, serial);
			return;
		}
		this.attempts.settle(actor, serial, answer.attempt().at(), answer.result());
		if (AttemptRepository.FAILURE.equals(answer.result())) {
			int consecutive = this.attempts.consecutiveFailures(actor, serial);
			Instant now = this.clock.instant();
			if (consecutive >= this.settings.lockAfter() && this.locks.lock(actor, serial, now)) {
				this.events.publishEvent(new DeviceLocked(now, actor, serial, consecutive));
			}
		}
	}

	/**
	 * What STS said about an attempt.
	 *
	 * @param attempt the attempt
	 * @param result {@code SUCCESS} or {@code FAILURE}; {@code null} when STS did not
	 * judge the code and the attempt's place is freed
	 */
	private record Answer(IssueAttempt attempt, String result) {

	}

}
