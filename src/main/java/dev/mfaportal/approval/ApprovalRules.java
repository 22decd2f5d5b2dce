package dev.mfaportal.approval;

import java.util.List;
import java.util.Optional;

/**
 * Which roles need an approval, and who may give it: the team's policy answers. Approvals
 * only ask, so they never read the policy file themselves.
 */
public interface ApprovalRules {

	/**
	 * The single sign-on groups of the member signed in now that the rules name members
	 * by: names only, kept with a request, since an approver answers when the member's
	 * claims are no longer there.
	 * @param member the member's portal user name
	 * @return those groups, or none when the member is not the one signed in now
	 */
	List<String> signedInGroups(String member);

	/**
	 * @param member the member's portal user name
	 * @param signOnGroups the member's single sign-on groups, as {@link #signedInGroups}
	 * gave them when the member asked (the policy's own groups count whatever these are)
	 * @param roleArn the role
	 * @return the rule that asks for an approval before this member may have this role,
	 * or empty when none does (the role is then either allowed outright or not at all)
	 */
	Optional<ApprovalRule> ruleFor(String member, List<String> signOnGroups, String roleArn);

	/**
	 * @param approver the approver's portal user name (their single sign-on groups count
	 * too, when it is the member signed in now)
	 * @param rule a rule {@link #ruleFor} gave
	 * @return whether the rule names the approver, by name or by group
	 */
	boolean mayApprove(String approver, ApprovalRule rule);

	/**
	 * @param rule the rule's name as the policy gives it (for messages and the history)
	 * @param by who may approve: {@code user:NAME} or {@code group:NAME}
	 * @param validMinutes how long an approval may be used, from when it is given
	 * @param maxSeconds the longest session the rule allows for the role
	 */
	record ApprovalRule(String rule, List<String> by, int validMinutes, int maxSeconds) {

		public ApprovalRule {
			by = List.copyOf(by);
		}

	}

}
