package dev.mfaportal.issuing;

import dev.mfaportal.sts.StsFailure;

/**
 * STS, or the way to it, gave no credentials.
 *
 * @param attempt the attempt
 * @param failure why, as the portal explains it
 * @param errorCode STS's error code, or {@code null} when STS said nothing
 * @param admitted whether the attempt limits had admitted the code: {@code false} when
 * what failed came before (naming a role session, reading the signing profile), so no
 * code was sent and no attempt is pending
 */
public record IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode, boolean admitted) {

	/** A failure of the call that carried the admitted code. */
	public IssueFailed(IssueAttempt attempt, StsFailure failure, String errorCode) {
		this(attempt, failure, errorCode, true);
	}

	/**
	 * Whether STS judged the MFA code or device wrong: the failures attempt limits count.
	 */
	public boolean mfaRejected() {
		return this.failure == StsFailure.INVALID_CODE || this.failure == StsFailure.SERIAL_NOT_ASSOCIATED;
	}

}
