package dev.mfaportal.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.mfaportal.issuing.AttemptGuard;
import dev.mfaportal.limit.AttemptRepository.Reservation;

import org.springframework.stereotype.Service;

/**
 * Admits an attempt unless its device is locked, it had too many failures in the window,
 * the failures in a row and the attempts still waiting for STS reach the lock, or its
 * code was already sent to STS. The lock, the window and the reservation are one database
 * step; an admitted attempt counts as a failure from that moment until STS answers, so
 * attempts sent at once, to one instance or several, can't outrun the limit or the lock.
 */
@Service
class AttemptLimiter implements AttemptGuard {

	/**
	 * How long to wait when attempts in flight could lock the device: STS answers them
	 * well within it.
	 */
	private static final Duration AWAIT_ANSWERS = Duration.ofMinutes(1);

	private final AttemptRepository attempts;

	private final LockRepository locks;

	private final UsedCodeRepository usedCodes;

	private final CodeFingerprints fingerprints;

	private final LimitSettings settings;

	private final Clock clock;

	AttemptLimiter(AttemptRepository attempts, LockRepository locks, UsedCodeRepository usedCodes,
			CodeFingerprints fingerprints, LimitSettings settings, Clock clock) {
		this.attempts = attempts;
		this.locks = locks;
		this.usedCodes = usedCodes;
		this.fingerprints = fingerprints;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Verdict admit(String actor, String serialNumber, String tokenCode) {
		Instant now = this.clock.instant();
		Instant windowStart = now.minus(this.settings.window());
		this.attempts.openGate(actor, serialNumber);
		Reservation reservation = this.attempts.reserve(actor, serialNumber, now, windowStart,
				this.settings.maxFailures(), this.settings.lockAfter(), () -> this.locks.isLocked(actor, serialNumber));
		switch (reservation) {
			case LOCKED:
				return new Verdict(Decision.LOCKED, null);
			case AWAITING_ANSWERS:
				// The answers STS is about to give decide: a wrong one locks the device.
				return new Verdict(Decision.LIMITED, now.plus(AWAIT_ANSWERS));
			case LIMITED:
				// Admitted again once the oldest of the last maxFailures failures leaves
				// the
				// window.
				Instant retryAt = this.attempts.nthLatestFailure(actor, serialNumber, this.settings.maxFailures())
					.map((oldest) -> oldest.plus(this.settings.window()))
					.orElse(now);
				return new Verdict(Decision.LIMITED, retryAt);
			default:
				break;
		}
		String fingerprint = this.fingerprints.of(serialNumber, tokenCode);
		if (!this.usedCodes.claim(fingerprint, now, now.minus(this.settings.codeWindow()))) {
			this.attempts.release(actor, serialNumber);
			return new Verdict(Decision.CODE_REUSED, null);
		}
		return Verdict.ADMITTED;
	}

}
