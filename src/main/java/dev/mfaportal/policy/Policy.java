package dev.mfaportal.policy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy file as read: the portal's own groups and the rules. A member gets what the
 * rules that name them (by {@code user:NAME} or by one of their groups) allow together;
 * nothing else.
 *
 * @param groups each group's members, by portal user name
 * @param rules the rules, in the file's order
 */
record Policy(Map<String, List<String>> groups, List<Rule> rules) {

	Policy {
		groups = Map.copyOf(groups);
		rules = List.copyOf(rules);
	}

	/**
	 * Who the member counts as: {@code user:NAME}, and {@code group:G} for each of the
	 * policy's groups that lists them and each group single sign-on gives them.
	 */
	Set<String> subjects(String member, Collection<String> signOnGroups) {
		Set<String> subjects = new LinkedHashSet<>();
		subjects.add("user:" + member);
		this.groups.entrySet()
			.stream()
			.filter((group) -> group.getValue().contains(member))
			.map((group) -> "group:" + group.getKey())
			.sorted()
			.forEach(subjects::add);
		signOnGroups.forEach((group) -> subjects.add("group:" + group));
		return subjects;
	}

	/** The rules that name any of these subjects. */
	List<Rule> rulesFor(Set<String> subjects) {
		return this.rules.stream().filter((rule) -> rule.who().stream().anyMatch(subjects::contains)).toList();
	}

	/**
	 * @param name how messages and the history name it: its {@code name}, or
	 * {@code rule N} after its place in the file
	 * @param line where it starts in the file
	 * @param who {@code user:NAME} and {@code group:NAME} entries
	 * @param sessionTokenMaxSeconds the longest GetSessionToken, or null when the rule
	 * allows none
	 * @param roles the roles it allows
	 */
	record Rule(String name, int line, List<String> who, Integer sessionTokenMaxSeconds, List<RoleEntry> roles) {

		Rule {
			who = List.copyOf(who);
			roles = List.copyOf(roles);
		}

	}

	/**
	 * @param arn the role, or roles where it has a {@code *}
	 * @param maxSeconds the longest session
	 * @param approval who must approve first, or null when no one
	 */
	record RoleEntry(ArnPattern arn, int maxSeconds, Approval approval) {

	}

	/**
	 * @param by {@code user:NAME} and {@code group:NAME} entries who may approve
	 * @param validMinutes how long an approval may be used
	 */
	record Approval(List<String> by, int validMinutes) {

		Approval {
			by = List.copyOf(by);
		}

	}

}
