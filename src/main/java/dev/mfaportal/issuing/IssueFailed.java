package dev.mfaportal.issuing;

import dev.mfaportal.sts.StsFailure;

/**
 * STS, or the way to it, gave no credentials.
 *
 * @param attempt the attempt
 * @param failure why, as the portal explains it
 * @param errorCode STS's error code, or {@code null} when STS said nothing
 * @param stsRequestId STS's request id for the refusal, or {@code null} when STS said
 * nothing
 * @param admitted whether the attempt limits had admitted the code: {@code false} when
 * what failed came before (naming a role session, reading the signing profile), so no
 * code was sent and no attempt is pending
 * @param receipt where listeners say that their part waits for the database
 */
public record IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode, String stsRequestId,
		boolean admitted, HistoryReceipt receipt) {

	/** A failure of the call that carried the admitted code. */
	public IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode, String stsRequestId,
			HistoryReceipt receipt) {
		this(attempt, failure, errorCode, stsRequestId, true, receipt);
	}

	public IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode, String stsRequestId) {
		this(attempt, failure, errorCode, stsRequestId, new HistoryReceipt());
	}

	public IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode, boolean admitted) {
		this(attempt, failure, errorCode, null, admitted, new HistoryReceipt());
	}

	/** A failure of the call that carried the admitted code. */
	public IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode) {
		this(attempt, failure, errorCode, (String) null);
	}

	/**
	 * Whether STS judged the MFA code or device wrong: the failures attempt limits count.
	 */
	public boolean mfaRejected() {
		return this.failure == StsFailure.INVALID_CODE || this.failure == StsFailure.SERIAL_NOT_ASSOCIATED;
	}

}
