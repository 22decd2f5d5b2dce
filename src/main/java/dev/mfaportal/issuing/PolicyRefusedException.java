package dev.mfaportal.issuing;

import dev.mfaportal.issuing.IssuePolicy.Verdict;

/**
 * The team's policy refused an attempt, or it asks for an approval there was none of; STS
 * was not called and the code was not spent.
 */
class PolicyRefusedException extends RuntimeException {

	private final transient Verdict verdict;

	private final boolean approvalMissing;

	PolicyRefusedException(Verdict verdict, boolean approvalMissing) {
		super((verdict.rule() != null) ? "Refused by policy rule " + verdict.rule()
				: "Refused by policy: no rule allows it", null, false, false);
		this.verdict = verdict;
		this.approvalMissing = approvalMissing;
	}

	Verdict verdict() {
		return this.verdict;
	}

	boolean approvalMissing() {
		return this.approvalMissing;
	}

}
