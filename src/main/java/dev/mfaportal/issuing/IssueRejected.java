package dev.mfaportal.issuing;

/**
 * The portal answered the attempt itself, without calling STS.
 *
 * @param attempt the attempt
 * @param reason why
 */
public record IssueRejected(IssueAttempt attempt, Reason reason) {

	/** Why the portal did not call STS. */
	public enum Reason {

		/** The form did not pass the STS model's checks. */
		INVALID_INPUT,
		/** Too many failed MFA attempts in the window. */
		ATTEMPT_LIMIT,
		/** The device is locked after too many consecutive failures. */
		DEVICE_LOCKED,
		/** This code was already sent to STS for this device. */
		CODE_REUSED,
		/** The team's policy does not allow it. */
		POLICY,
		/** The policy asks for an approval and there is none to spend. */
		NO_APPROVAL

	}

}
