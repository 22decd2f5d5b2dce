package dev.mfaportal.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mfaportal.approval.ApprovalRules;
import dev.mfaportal.issuing.IssuePolicy;
import dev.mfaportal.policy.Policy.RoleEntry;
import dev.mfaportal.policy.Policy.Rule;

/**
 * The team's policy as issuing and approvals ask it. A member may have what any rule that
 * names them allows: GetSessionToken up to the longest {@code session-token} of those
 * rules, a role that one of their entries matches up to its length, first without an
 * approval where an entry allows that, else with one. No file set: everything.
 */
class TeamPolicy implements IssuePolicy, ApprovalRules {

	private final PolicyFile file;

	private final SignedInGroups signOnGroups;

	TeamPolicy(PolicyFile file, SignedInGroups signOnGroups) {
		this.file = file;
		this.signOnGroups = signOnGroups;
	}

	@Override
	public Verdict check(String actor, String roleArn, int durationSeconds) {
		Policy policy = this.file.policy();
		if (policy == null) {
			return Verdict.ALLOWED;
		}
		List<Rule> rules = rules(policy, actor);
		if (roleArn == null) {
			Optional<Rule> longest = rules.stream()
				.filter((rule) -> rule.sessionTokenMaxSeconds() != null)
				.max(Comparator.comparingInt(Rule::sessionTokenMaxSeconds));
			if (longest.isEmpty()) {
				return refused(null, "policy.refused.sessionToken");
			}
			Rule rule = longest.get();
			if (durationSeconds > rule.sessionTokenMaxSeconds()) {
				return refused(rule.name(), "policy.refused.tooLong", rule.name(),
						String.valueOf(rule.sessionTokenMaxSeconds()), String.valueOf(durationSeconds));
			}
			return new Verdict(Decision.ALLOWED, rule.name(), null, List.of());
		}
		List<Match> matches = matches(rules, roleArn);
		if (matches.isEmpty()) {
			return refused(null, "policy.refused.role", roleArn);
		}
		for (boolean approval : new boolean[] { false, true }) {
			for (Match match : matches) {
				if ((match.entry().approval() != null) == approval && durationSeconds <= match.entry().maxSeconds()) {
					return approval
							? new Verdict(Decision.APPROVAL_REQUIRED, match.rule().name(), "policy.approvalRequired",
									List.of(match.rule().name(), roleArn))
							: new Verdict(Decision.ALLOWED, match.rule().name(), null, List.of());
				}
			}
		}
		Match longest = matches.stream().max(Comparator.comparingInt((match) -> match.entry().maxSeconds())).get();
		return refused(longest.rule().name(), "policy.refused.tooLong", longest.rule().name(),
				String.valueOf(longest.entry().maxSeconds()), String.valueOf(durationSeconds));
	}

	@Override
	public Grants grants(String actor) {
		Policy policy = this.file.policy();
		return (policy != null) ? grants(policy, rules(policy, actor)) : Grants.UNLIMITED;
	}

	/**
	 * What a member named by an admin may get, by the policy's groups alone (their single
	 * sign-on groups are known only while they act).
	 */
	Grants grantsByPolicyGroups(String member) {
		Policy policy = this.file.policy();
		return (policy != null) ? grants(policy, policy.rulesFor(policy.subjects(member, List.of())))
				: Grants.UNLIMITED;
	}

	private static Grants grants(Policy policy, List<Rule> rules) {
		Integer sessionToken = rules.stream()
			.map(Rule::sessionTokenMaxSeconds)
			.filter((seconds) -> seconds != null)
			.max(Integer::compare)
			.orElse(null);
		List<RoleGrant> roles = new ArrayList<>();
		for (Rule rule : rules) {
			for (RoleEntry entry : rule.roles()) {
				RoleGrant grant = new RoleGrant(entry.arn().text(), entry.maxSeconds(), entry.approval() != null);
				if (!roles.contains(grant)) {
					roles.add(grant);
				}
			}
		}
		return new Grants(sessionToken, roles, false);
	}

	@Override
	public List<String> signedInGroups(String member) {
		Policy policy = this.file.policy();
		if (policy == null) {
			return List.of();
		}
		// Only the names a rule counts members by: the rest of the claim is no one's
		// business here.
		Set<String> named = policy.rules().stream().flatMap((rule) -> rule.who().stream()).collect(Collectors.toSet());
		return this.signOnGroups.of(member).stream().filter((group) -> named.contains("group:" + group)).toList();
	}

	@Override
	public Optional<ApprovalRule> ruleFor(String member, List<String> signOnGroups, String roleArn) {
		Policy policy = this.file.policy();
		if (policy == null) {
			return Optional.empty();
		}
		// Only the entries that ask for an approval: a role allowed for an hour outright
		// and for twelve with an approval must still let the twelve be asked for.
		return matches(policy.rulesFor(policy.subjects(member, signOnGroups)), roleArn).stream()
			.filter((match) -> match.entry().approval() != null)
			.max(Comparator.comparingInt((match) -> match.entry().maxSeconds()))
			.map((match) -> new ApprovalRule(match.rule().name(), match.entry().approval().by(),
					match.entry().approval().validMinutes(), match.entry().maxSeconds()));
	}

	@Override
	public boolean mayApprove(String approver, ApprovalRule rule) {
		Policy policy = this.file.policy();
		if (policy == null) {
			return false;
		}
		return policy.subjects(approver, this.signOnGroups.of(approver)).stream().anyMatch(rule.by()::contains);
	}

	private List<Rule> rules(Policy policy, String actor) {
		return policy.rulesFor(policy.subjects(actor, this.signOnGroups.of(actor)));
	}

	private static List<Match> matches(List<Rule> rules, String roleArn) {
		List<Match> matches = new ArrayList<>();
		for (Rule rule : rules) {
			for (RoleEntry entry : rule.roles()) {
				if (entry.arn().matches(roleArn)) {
					matches.add(new Match(rule, entry));
				}
			}
		}
		return matches;
	}

	/**
	 * @param rule the rule that refused, or null when none allows anything like it (the
	 * message says so in words)
	 */
	private static Verdict refused(String rule, String code, String... arguments) {
		return new Verdict(Decision.REFUSED, rule, code, List.of(arguments));
	}

	private record Match(Rule rule, RoleEntry entry) {

	}

}
