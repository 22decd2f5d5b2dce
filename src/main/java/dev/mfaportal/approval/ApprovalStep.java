package dev.mfaportal.approval;

import java.time.Instant;

/**
 * A step of an approval, for the history (and through it the events that leave the
 * portal). Holds ids and names only: the reason and the note are people's words and stay
 * in the approval's own row.
 *
 * @param at when
 * @param actor who took the step: the member for a request, a withdrawal or a use, the
 * approver for an answer, the member again for an expiry (nobody acted)
 * @param member whose request it is
 * @param approvalId the request's id
 * @param roleArn the role asked for
 * @param durationSeconds the longest session the request asks for
 * @param step what happened
 */
public record ApprovalStep(Instant at, String actor, String member, long approvalId, String roleArn,
		int durationSeconds, Step step) {

	/** What happened to the request. */
	public enum Step {

		/** A member asked. */
		REQUESTED,
		/** An approver the rule names said yes. */
		APPROVED,
		/** An approver the rule names said no. */
		DENIED,
		/** The member took the request back. */
		WITHDRAWN,
		/** Nobody answered in time, or the approval was not used in time. */
		EXPIRED,
		/** An issue spent the approval. */
		USED,
		/**
		 * The attempt that spent it was refused before STS was called, so it was given
		 * back.
		 */
		RELEASED

	}

}
