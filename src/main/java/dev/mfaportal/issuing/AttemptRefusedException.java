package dev.mfaportal.issuing;

import dev.mfaportal.issuing.AttemptGuard.Verdict;

/**
 * The attempt limits refused an attempt; STS was not called.
 */
class AttemptRefusedException extends RuntimeException {

	private final transient Verdict verdict;

	AttemptRefusedException(Verdict verdict) {
		super("Attempt refused: " + verdict.decision(), null, false, false);
		this.verdict = verdict;
	}

	Verdict verdict() {
		return this.verdict;
	}

}
