package dev.mfaportal.issuing;

import java.util.Optional;

/**
 * Spends an approval when the policy asks for one. Implemented by team mode's approvals;
 * without them, nothing is ever approved ({@link #NONE}).
 */
public interface ApprovalGate {

	/** No approvals feature: a role that needs one is refused. */
	ApprovalGate NONE = new ApprovalGate() {

		@Override
		public Optional<String> spend(String actor, String roleArn, int durationSeconds) {
			return Optional.empty();
		}

		@Override
		public void release(String approvalId) {
		}

	};

	/**
	 * In one atomic database step, so that two instances can't both use it: finds an
	 * approved, unused, unexpired approval of this role for this actor, for at least this
	 * length, and marks it used.
	 * @param actor the member's portal user name
	 * @param roleArn the role
	 * @param durationSeconds the length asked for
	 * @return the spent approval's id, or empty when there is none to spend
	 */
	Optional<String> spend(String actor, String roleArn, int durationSeconds);

	/**
	 * Gives back an approval spent for an attempt that the attempt limits then refused,
	 * so STS never saw it: a reused code must not cost the member their approval.
	 * @param approvalId what {@link #spend} returned
	 */
	void release(String approvalId);

}
