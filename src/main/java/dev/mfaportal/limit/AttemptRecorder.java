package dev.mfaportal.limit;

import java.time.Clock;
import java.time.Instant;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueFailed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts what STS said about each MFA attempt, and locks a device after too many failures
 * in a row. Synchronous, so the very next attempt sees it.
 */
@Component
class AttemptRecorder {

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
		this.attempts.record(issued.attempt().actor(), issued.attempt().serialNumber(), issued.attempt().at(),
				AttemptRepository.SUCCESS);
	}

	@EventListener
	void on(IssueFailed failed) {
		if (!failed.mfaRejected()) {
			return;
		}
		String actor = failed.attempt().actor();
		String serial = failed.attempt().serialNumber();
		this.attempts.record(actor, serial, failed.attempt().at(), AttemptRepository.FAILURE);
		int consecutive = this.attempts.consecutiveFailures(actor, serial);
		Instant now = this.clock.instant();
		if (consecutive >= this.settings.lockAfter() && this.locks.lock(actor, serial, now)) {
			this.events.publishEvent(new DeviceLocked(now, actor, serial, consecutive));
		}
	}

}
