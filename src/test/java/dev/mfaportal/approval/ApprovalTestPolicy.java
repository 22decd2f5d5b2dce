package dev.mfaportal.approval;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.issuing.IssuePolicy;
import dev.mfaportal.support.MutableClock;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;

/**
 * What the team's policy would answer, for the approval tests (the policy itself is
 * another feature's): {@link #GUARDED} needs an approval by {@link #APPROVER} for
 * {@link #MEMBER}, at most an hour, usable for {@link #VALID_MINUTES}; every other role
 * and GetSessionToken are allowed outright. One test clock for every instance. A test
 * configuration, so that no other test's context scans it in.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApprovalTestPolicy {

	public static final String GUARDED = "arn:aws:iam::123456789012:role/h21b-deploy";

	public static final String OPEN = "arn:aws:iam::123456789012:role/h21b-read";

	public static final String MEMBER = "h21balice";

	public static final String APPROVER = "h21bcarol";

	/** Neither the member nor an approver of the rule. */
	public static final String OUTSIDER = "h21bdave";

	public static final int VALID_MINUTES = 60;

	public static final int MAX_SECONDS = 3600;

	public static final MutableClock CLOCK = new MutableClock(Clock.systemUTC().instant());

	static final ApprovalRules.ApprovalRule RULE = new ApprovalRules.ApprovalRule("h21b-deploy-needs-oncall",
			List.of("user:" + APPROVER), VALID_MINUTES, MAX_SECONDS);

	@Bean
	@Primary
	Clock approvalTestClock() {
		return CLOCK;
	}

	@Bean
	@Primary
	ApprovalRules approvalTestRules() {
		return new ApprovalRules() {

			@Override
			public List<String> signedInGroups(String member) {
				return List.of();
			}

			@Override
			public Optional<ApprovalRule> ruleFor(String member, List<String> signOnGroups, String roleArn) {
				return GUARDED.equals(roleArn) && !OUTSIDER.equals(member) ? Optional.of(RULE) : Optional.empty();
			}

			@Override
			public boolean mayApprove(String approver, ApprovalRule rule) {
				return rule.by().contains("user:" + approver);
			}

		};
	}

	@Bean
	@Primary
	IssuePolicy approvalTestIssuePolicy() {
		return new IssuePolicy() {

			@Override
			public Verdict check(String actor, String roleArn, int durationSeconds) {
				if (GUARDED.equals(roleArn)) {
					return new Verdict(Decision.APPROVAL_REQUIRED, RULE.rule(), "policy.approvalRequired",
							List.of(roleArn));
				}
				return Verdict.ALLOWED;
			}

			@Override
			public Grants grants(String actor) {
				return Grants.UNLIMITED;
			}

		};
	}

}
