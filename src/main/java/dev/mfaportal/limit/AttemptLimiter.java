package dev.mfaportal.limit;

import java.time.Clock;
import java.time.Instant;

import dev.mfaportal.issuing.AttemptGuard;

import org.springframework.stereotype.Service;

/**
 * Admits an attempt unless its device is locked, it had too many failures in the window,
 * or its code was already sent to STS. An admitted attempt counts as a failure from that
 * moment (reserved in one database step), until STS answers: attempts sent at once can't
 * outrun the limit.
 */
@Service
class AttemptLimiter implements AttemptGuard {

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
		if (this.locks.isLocked(actor, serialNumber)) {
			return new Verdict(Decision.LOCKED, null);
		}
		Instant windowStart = now.minus(this.settings.window());
		this.attempts.openGate(actor, serialNumber);
		if (!this.attempts.reserve(actor, serialNumber, now, windowStart, this.settings.maxFailures())) {
			// Admitted again once the oldest of the last maxFailures failures leaves the
			// window.
			Instant retryAt = this.attempts.nthLatestFailure(actor, serialNumber, this.settings.maxFailures())
				.map((oldest) -> oldest.plus(this.settings.window()))
				.orElse(now);
			return new Verdict(Decision.LIMITED, retryAt);
		}
		String fingerprint = this.fingerprints.of(serialNumber, tokenCode);
		if (!this.usedCodes.claim(fingerprint, now, now.minus(this.settings.codeWindow()))) {
			this.attempts.release(actor, serialNumber);
			return new Verdict(Decision.CODE_REUSED, null);
		}
		return Verdict.ADMITTED;
	}

}
