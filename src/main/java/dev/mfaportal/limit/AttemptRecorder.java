package dev.mfaportal.limit;

import java.time.Clock;
import java.time.Instant;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueFailed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Counts what STS said about each MFA attempt, and locks a device after too many failures
 * in a row. Synchronous, so the very next attempt sees it. It runs after STS has
 * answered: a database that fails now must not take the answer from the person, so a
 * failure to record is logged and the request goes on.
 */
@Component
class AttemptRecorder {

	private static final Logger logger = LoggerFactory.getLogger(AttemptRecorder.class);

	private final AttemptRepository attempts;

	private final LockRepository locks;

	private final LimitSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

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
		try {
			this.attempts.settle(issued.attempt().actor(), issued.attempt().serialNumber(), issued.attempt().at(),
					AttemptRepository.SUCCESS);
		}
		catch (DataAccessException ex) {
			logger.warn("Success of an MFA attempt not recorded: {}", ex.toString());
		}
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
		try {
			if (failed.mfaRejected()) {
				recordFailure(failed);
			}
			else {
				this.attempts.release(failed.attempt().actor(), failed.attempt().serialNumber());
			}
		}
		catch (DataAccessException ex) {
			// The pending attempt keeps counting as a failure until it leaves the window.
			logger.warn("Answer to an MFA attempt not recorded: {}", ex.toString());
		}
	}

	private void recordFailure(IssueFailed failed) {
		String actor = failed.attempt().actor();
		String serial = failed.attempt().serialNumber();
		this.attempts.settle(actor, serial, failed.attempt().at(), AttemptRepository.FAILURE);
		int consecutive = this.attempts.consecutiveFailures(actor, serial);
		Instant now = this.clock.instant();
		if (consecutive >= this.settings.lockAfter() && this.locks.lock(actor, serial, now)) {
			this.events.publishEvent(new DeviceLocked(now, actor, serial, consecutive));
		}
	}

}
