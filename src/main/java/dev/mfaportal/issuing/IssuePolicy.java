package dev.mfaportal.issuing;

import java.util.List;

/**
 * Decides, before anything is reserved or sent, whether the team's policy lets the actor
 * have what the form asks for. Implemented by team mode's policy; where no policy is set,
 * everything is allowed, as {@link #ALLOW_ALL} does.
 */
public interface IssuePolicy {

	/** No policy: every role and every length STS itself accepts. */
	IssuePolicy ALLOW_ALL = new IssuePolicy() {

		@Override
		public Verdict check(String actor, String roleArn, int durationSeconds) {
			return Verdict.ALLOWED;
		}

		@Override
		public Grants grants(String actor) {
			return Grants.UNLIMITED;
		}

	};

	/**
	 * @param actor the member's portal user name
	 * @param roleArn the role asked for, or null for GetSessionToken
	 * @param durationSeconds the length asked for
	 * @return allowed, refused (naming the rule), or allowed once an approval is spent
	 */
	Verdict check(String actor, String roleArn, int durationSeconds);

	/**
	 * What the form may offer the actor; the server checks with {@link #check} all the
	 * same.
	 * @param actor the member's portal user name
	 * @return the actor's grants
	 */
	Grants grants(String actor);

	/**
	 * @param decision what to do
	 * @param rule the rule that decided, as the policy names it (null when no policy is
	 * set, or when no rule allows anything like what was asked: the message says so)
	 * @param messageCode the message that explains a refusal to the member, from
	 * messages.properties (null when allowed)
	 * @param messageArguments its arguments
	 */
	record Verdict(Decision decision, String rule, String messageCode, List<String> messageArguments) {

		public static final Verdict ALLOWED = new Verdict(Decision.ALLOWED, null, null, List.of());

		public Verdict {
			messageArguments = List.copyOf(messageArguments);
		}

	}

	/** The policy's answers. */
	enum Decision {

		/** Go ahead. */
		ALLOWED,
		/** Refused by the policy: STS is not called and the code is not spent. */
		REFUSED,
		/**
		 * Allowed once one approval of this role for the actor is spent (see
		 * {@link ApprovalGate}).
		 */
		APPROVAL_REQUIRED

	}

	/**
	 * @param sessionTokenMaxSeconds the longest GetSessionToken allowed, or null when it
	 * is not allowed at all
	 * @param roles the roles allowed, each with its longest session
	 * @param unlimited true when no policy is set: anything STS accepts
	 */
	record Grants(Integer sessionTokenMaxSeconds, List<RoleGrant> roles, boolean unlimited) {

		public static final Grants UNLIMITED = new Grants(129600, List.of(), true);

		public Grants {
			roles = List.copyOf(roles);
		}

	}

	/**
	 * @param arnPattern the role ARN, where {@code *} matches within one ARN segment
	 * @param maxSeconds the longest session
	 * @param approvalRequired whether an issue needs an approval first
	 */
	record RoleGrant(String arnPattern, int maxSeconds, boolean approvalRequired) {
	}

}
