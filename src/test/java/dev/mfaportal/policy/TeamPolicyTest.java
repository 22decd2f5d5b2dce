package dev.mfaportal.policy;

import java.util.List;
import java.util.Map;

import dev.mfaportal.approval.ApprovalRules.ApprovalRule;
import dev.mfaportal.issuing.IssuePolicy.Decision;
import dev.mfaportal.issuing.IssuePolicy.RoleGrant;
import dev.mfaportal.issuing.IssuePolicy.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What the issue's example policy answers, rule by rule. */
class TeamPolicyTest {

	static final String READ = "arn:aws:iam::111122223333:role/read-logs";

	static final String DEPLOY = "arn:aws:iam::111122223333:role/deploy";

	final PolicyFile file = mock(PolicyFile.class);

	final TeamPolicy policy = new TeamPolicy(this.file, new SignedInGroups("groups"));

	TeamPolicyTest() {
		when(this.file.policy()).thenReturn(PolicyParser.parse(PolicyParserTest.EXAMPLE));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void roleNobodyAllowsWhenCheckedThenRefusedSayingNoRuleAllowsItWithNoRuleName() {
		Verdict verdict = this.policy.check("alice", "arn:aws:iam::111122223333:role/admin", 900);

		assertThat(verdict.decision()).isEqualTo(Decision.REFUSED);
		assertThat(verdict.rule()).as("no rule decided: none is named").isNull();
		assertThat(verdict.messageCode()).isEqualTo("policy.refused.role");
		assertThat(verdict.messageArguments()).containsExactly("arn:aws:iam::111122223333:role/admin");
	}

	@Test
	void sessionTokenNobodyAllowsWhenCheckedThenRefusedSayingNoRuleAllowsItWithNoRuleName() {
		Verdict verdict = this.policy.check("carol", null, 900);

		assertThat(verdict.decision()).isEqualTo(Decision.REFUSED);
		assertThat(verdict.rule()).isNull();
		assertThat(verdict.messageCode()).isEqualTo("policy.refused.sessionToken");
	}

	@Test
	void lengthOverTheMaximumWhenCheckedThenRefusedNamingTheRule() {
		Verdict verdict = this.policy.check("alice", READ, 3601);

		assertThat(verdict.decision()).isEqualTo(Decision.REFUSED);
		assertThat(verdict.rule()).isEqualTo("rule 1");
		assertThat(verdict.messageArguments()).containsExactly("rule 1", "3600", "3601");
	}

	@Test
	void sessionTokenWhenNotGrantedThenRefusedAndWhenGrantedUpToItsMaximum() {
		assertThat(this.policy.check("carol", null, 900).decision()).isEqualTo(Decision.REFUSED);
		assertThat(this.policy.check("dave", null, 43200).decision()).isEqualTo(Decision.ALLOWED);
		assertThat(this.policy.check("dave", null, 43201).messageCode()).isEqualTo("policy.refused.tooLong");
	}

	@Test
	void guardedRoleWhenCheckedThenApprovalRequiredAndApprovalRuleNamesTheApprovers() {
		assertThat(this.policy.check("bob", DEPLOY, 3600).decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
		ApprovalRule rule = this.policy.ruleFor("bob", List.of(), DEPLOY).orElseThrow();

		assertThat(rule).isEqualTo(new ApprovalRule("rule 1", List.of("group:oncall"), 60, 3600));
		assertThat(this.policy.mayApprove("carol", rule)).isTrue();
		assertThat(this.policy.mayApprove("alice", rule)).isFalse();
		assertThat(this.policy.ruleFor("bob", List.of(), READ)).as("allowed outright").isEmpty();
	}

	@Test
	void roleAllowedShortOutrightAndLongerWithAnApprovalWhenAskedLongerThenItsApprovalRuleAnswers() {
		when(this.file.policy()).thenReturn(PolicyParser.parse("""
				rules:
				  - name: short-or-approved
				    who: [user:bob]
				    roles:
				      - arn: "arn:aws:iam::111122223333:role/deploy"
				        max-seconds: 3600
				      - arn: "arn:aws:iam::111122223333:role/deploy"
				        max-seconds: 43200
				        approval: {by: [user:carol], valid-minutes: 30}
				"""));

		assertThat(this.policy.check("bob", DEPLOY, 3600).decision()).isEqualTo(Decision.ALLOWED);
		assertThat(this.policy.check("bob", DEPLOY, 43200).decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
		assertThat(this.policy.ruleFor("bob", List.of(), DEPLOY)).as("the request that 12 hours need can be made")
			.contains(new ApprovalRule("short-or-approved", List.of("user:carol"), 30, 43200));
	}

	@Test
	void grantsWhenAskedThenWhatTheRulesNamingTheMemberAllow() {
		assertThat(this.policy.grants("alice").sessionTokenMaxSeconds()).isEqualTo(43200);
		assertThat(this.policy.grants("alice").roles()).containsExactly(
				new RoleGrant("arn:aws:iam::111122223333:role/read-*", 3600, false), new RoleGrant(DEPLOY, 3600, true));
		assertThat(this.policy.grants("carol").roles()).isEmpty();
		assertThat(this.policy.grants("carol").sessionTokenMaxSeconds()).isNull();
	}

	@Test
	void singleSignOnGroupsClaimWhenSignedInThenCountsBesideThePolicysGroups() {
		DefaultOAuth2User erin = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("ROLE_MEMBER"),
				Map.of("sub", "erin", "groups", List.of("developers", "not a name!")), "sub");
		SecurityContextHolder.getContext()
			.setAuthentication(new OAuth2AuthenticationToken(erin, erin.getAuthorities(), "company"));

		assertThat(this.policy.check("erin", READ, 900).decision()).isEqualTo(Decision.ALLOWED);
		assertThat(this.policy.check("frank", READ, 900).decision()).as("someone else: no claim of theirs")
			.isEqualTo(Decision.REFUSED);
		assertThat(this.policy.grantsByPolicyGroups("erin").roles()).isEmpty();
	}

	@Test
	void approvalRuleWhenTheRequestersSingleSignOnGroupsAreRecordedThenFoundWithoutThemSignedInAndOnlyNamedGroupsKept() {
		DefaultOAuth2User erin = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("ROLE_MEMBER"),
				Map.of("sub", "erin", "groups", List.of("developers", "payroll", "not a name!")), "sub");
		SecurityContextHolder.getContext()
			.setAuthentication(new OAuth2AuthenticationToken(erin, erin.getAuthorities(), "company"));
		List<String> recorded = this.policy.signedInGroups("erin");
		assertThat(recorded).as("the names a rule counts members by, no other").containsExactly("developers");
		assertThat(this.policy.signedInGroups("frank")).as("not the member signed in").isEmpty();
		SecurityContextHolder.clearContext();

		// Later, an approver looks: Erin is not signed in, her recorded groups count.
		assertThat(this.policy.ruleFor("erin", recorded, DEPLOY))
			.contains(new ApprovalRule("rule 1", List.of("group:oncall"), 60, 3600));
		assertThat(this.policy.ruleFor("erin", List.of(), DEPLOY)).as("without them, no rule names her").isEmpty();
		assertThat(this.policy.ruleFor("frank", List.of("payroll"), DEPLOY)).isEmpty();
	}

}
