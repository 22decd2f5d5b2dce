package dev.mfaportal.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.mfaportal.approval.ApprovalStep.Step;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.StorageContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spending and closing approvals against a real database, H2 and PostgreSQL: of many
 * spends at once exactly one wins, a released approval is usable again, an approval opens
 * one role, at most its length, until its time is up, and two closers at once record each
 * expiry once. Not rolled back: the spends run on threads of their own.
 */
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class ApprovalStorageContract extends StorageContract {

	static final String ROLE = "arn:aws:iam::123456789012:role/h21b-deploy";

	@Autowired
	ApprovalRepository repository;

	@Autowired
	PlatformTransactionManager transactionManager;

	final MutableClock clock = new MutableClock(T0);

	final List<ApprovalStep> steps = new CopyOnWriteArrayList<>();

	final ApplicationEventPublisher events = (event) -> this.steps.add((ApprovalStep) event);

	ApprovalSpender spender;

	ApprovalCloser closer;

	@BeforeEach
	void empty() {
		this.jdbc.sql("delete from approval_request").update();
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		this.spender = new ApprovalSpender(this.repository, this.events, transactions, this.clock);
		this.closer = new ApprovalCloser(this.repository, this.events, transactions, this.clock);
	}

	/**
	 * Approvals under rules whose approvers are named by user.
	 * @param signedIn the single sign-on groups of a member signed in now
	 * @param ruleFor the rule of a member with these groups
	 */
	private Approvals approvals(Function<String, List<String>> signedIn,
			BiFunction<String, List<String>, Optional<ApprovalRules.ApprovalRule>> ruleFor) {
		ApprovalRules rules = new ApprovalRules() {

			@Override
			public List<String> signedInGroups(String member) {
				return signedIn.apply(member);
			}

			@Override
			public Optional<ApprovalRule> ruleFor(String member, List<String> signOnGroups, String roleArn) {
				return ruleFor.apply(member, signOnGroups);
			}

			@Override
			public boolean mayApprove(String approver, ApprovalRule given) {
				return given.by().contains("user:" + approver);
			}

		};
		return new Approvals(this.repository, rules, this.events, new TransactionTemplate(this.transactionManager),
				this.clock, new ApprovalSettings(Duration.ofHours(24), Duration.ofMinutes(1)));
	}

	/** An approval of {@code ROLE} for Alice, usable for an hour from now. */
	private long approved(int durationSeconds) {
		long id = this.repository.insert(ALICE, List.of(), ROLE, durationSeconds, "deploy the fix", "deploy",
				this.clock.instant(), this.clock.instant().plus(Duration.ofDays(1)));
		assertThat(this.repository.approve(id, BOB, null, this.clock.instant(),
				this.clock.instant().plus(Duration.ofMinutes(60))))
			.isTrue();
		return id;
	}

	@Test
	void spendWhenApprovedThenUsedOnceAndRecorded() {
		long id = approved(3600);
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).contains(String.valueOf(id));
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).isEmpty();
		assertThat(this.repository.find(id)).map(Approval::status).contains(ApprovalStatus.USED);
		assertThat(this.steps).extracting(ApprovalStep::step).containsExactly(Step.USED);
	}

	@Test
	void spendWhenAnotherMemberRoleOrLongerLengthThenNothingSpent() {
		approved(3600);
		assertThat(this.spender.spend(BOB, ROLE, 3600)).isEmpty();
		assertThat(this.spender.spend(ALICE, ROLE + "-other", 3600)).isEmpty();
		assertThat(this.spender.spend(ALICE, ROLE, 3601)).isEmpty();
		assertThat(this.spender.spend(ALICE, ROLE, 900)).isPresent();
	}

	@Test
	void spendWhenValidMinutesPassedThenRefused() {
		approved(3600);
		this.clock.advance(Duration.ofMinutes(60));
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).isEmpty();
	}

	@Test
	void spendWhenPendingOrDeniedThenRefused() {
		long pending = this.repository.insert(ALICE, List.of(), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofDays(1)));
		long denied = this.repository.insert(ALICE, List.of(), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofDays(1)));
		this.repository.deny(denied, BOB, "no", T0);
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).isEmpty();
		assertThat(this.repository.find(pending)).map(Approval::status).contains(ApprovalStatus.PENDING);
	}

	@Test
	void spendWhenTwoApprovalsThenTheOneExpiringFirstIsSpentFirst() {
		long later = approved(3600);
		this.clock.advance(Duration.ofMinutes(-10));
		long sooner = approved(3600);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).contains(String.valueOf(sooner));
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).contains(String.valueOf(later));
	}

	@Test
	void spendWhenTwentyAtOnceThenExactlyOneSpendsIt() throws Exception {
		for (int round = 0; round < 5; round++) {
			long id = approved(3600);
			List<Callable<Optional<String>>> spends = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				spends.add(() -> this.spender.spend(ALICE, ROLE, 3600));
			}
			List<Optional<String>> spent = AtOnce.run(spends);
			assertThat(spent.stream().filter(Optional::isPresent).toList()).as("round " + round)
				.containsExactly(Optional.of(String.valueOf(id)));
		}
	}

	@Test
	void spendWhenTwoApprovalsAndTwentyAtOnceThenExactlyTwoSpend() throws Exception {
		long one = approved(3600);
		long two = approved(3600);
		List<Callable<Optional<String>>> spends = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			spends.add(() -> this.spender.spend(ALICE, ROLE, 3600));
		}
		assertThat(AtOnce.run(spends).stream().flatMap(Optional::stream).toList())
			.containsExactlyInAnyOrder(String.valueOf(one), String.valueOf(two));
	}

	@Test
	void releaseWhenSpentThenUsableAgainAndRecorded() {
		long id = approved(3600);
		String spent = this.spender.spend(ALICE, ROLE, 3600).orElseThrow();
		this.spender.release(spent);
		assertThat(this.repository.find(id)).map(Approval::status).contains(ApprovalStatus.APPROVED);
		assertThat(this.spender.spend(ALICE, ROLE, 3600)).contains(spent);
		assertThat(this.steps).extracting(ApprovalStep::step).containsExactly(Step.USED, Step.RELEASED, Step.USED);
	}

	@Test
	void releaseWhenNotSpentOrNoNumberThenNothingChanges() {
		long id = approved(3600);
		this.spender.release(String.valueOf(id));
		this.spender.release("not-a-number");
		assertThat(this.repository.find(id)).map(Approval::status).contains(ApprovalStatus.APPROVED);
		assertThat(this.steps).isEmpty();
	}

	@Test
	void closeWhenRequestAndApprovalPastTheirTimeThenExpiredOnceEvenWithTwoClosersAtOnce() throws Exception {
		long request = this.repository.insert(ALICE, List.of(), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofHours(1)));
		long approval = approved(3600);
		long fresh = this.repository.insert(ALICE, List.of(), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofDays(2)));
		this.clock.advance(Duration.ofHours(2));

		List<Integer> closed = AtOnce.run(List.of(this.closer::closeExpired, this.closer::closeExpired));

		assertThat(closed.get(0) + closed.get(1)).isEqualTo(2);
		assertThat(this.closer.closeExpired()).isZero();
		assertThat(this.repository.find(request)).map(Approval::status).contains(ApprovalStatus.EXPIRED);
		assertThat(this.repository.find(approval)).map(Approval::status).contains(ApprovalStatus.EXPIRED);
		assertThat(this.repository.find(fresh)).map(Approval::status).contains(ApprovalStatus.PENDING);
		assertThat(this.steps).extracting(ApprovalStep::approvalId).containsExactlyInAnyOrder(request, approval);
		assertThat(this.steps).extracting(ApprovalStep::step).containsOnly(Step.EXPIRED);
	}

	@Test
	void approveWhenRequestPastItsTimeThenRefused() {
		long request = this.repository.insert(ALICE, List.of(), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofHours(1)));
		assertThat(
				this.repository.approve(request, BOB, null, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))))
			.isFalse();
	}

	@Test
	void withdrawWhenAnotherMembersRequestThenNothingChanges() {
		long request = this.repository.insert(ALICE, List.of(), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofHours(1)));
		assertThat(this.repository.withdraw(request, BOB, T0)).isFalse();
		assertThat(this.repository.withdraw(request, ALICE, T0)).isTrue();
		assertThat(this.repository.withdraw(request, ALICE, T0)).isFalse();
	}

	/**
	 * A rule that names the member among its approvers: the member still can't approve
	 * their own request; the other approver can.
	 */
	@Test
	void approveWhenTheRuleNamesTheRequesterTooThenTheirOwnApprovalIsRefusedAndNothingChanges() {
		ApprovalRules.ApprovalRule rule = new ApprovalRules.ApprovalRule("both",
				List.of("user:" + ALICE, "user:" + BOB), 60, 3600);
		Approvals approvals = approvals((member) -> List.of(), (member, groups) -> Optional.of(rule));
		long id = approvals.request(ALICE, new ApprovalForm(ROLE, "3600", "deploy"));

		assertThatThrownBy(() -> approvals.approve(id, ALICE, null)).isInstanceOfSatisfying(
				ApprovalRefusedException.class,
				(refused) -> assertThat(refused.messageCode()).isEqualTo("approval.refused.own"));
		assertThat(this.repository.find(id)).map(Approval::status).contains(ApprovalStatus.PENDING);
		assertThat(approvals.toAnswer(ALICE)).isEmpty();
		assertThat(approvals.toAnswer(BOB)).extracting(Approval::id).containsExactly(id);
		approvals.approve(id, BOB, "ok");
		assertThat(this.repository.find(id)).map(Approval::answeredBy).contains(BOB);
		assertThat(this.steps).extracting(ApprovalStep::step).containsExactly(Step.REQUESTED, Step.APPROVED);
	}

	@Test
	void requestWhenTheMemberHasFiveWaitingThenRefusedAndOthersRequestsStillReachApprovers() {
		ApprovalRules.ApprovalRule rule = new ApprovalRules.ApprovalRule("any", List.of("user:" + BOB), 60, 3600);
		Approvals approvals = approvals((member) -> List.of(), (member, groups) -> Optional.of(rule));
		for (int i = 0; i < Approvals.MAX_WAITING_PER_MEMBER; i++) {
			approvals.request(ALICE, new ApprovalForm(ROLE, "3600", "flood " + i));
		}

		assertThatThrownBy(() -> approvals.request(ALICE, new ApprovalForm(ROLE, "3600", "one more")))
			.isInstanceOfSatisfying(ApprovalRefusedException.class,
					(refused) -> assertThat(refused.messageCode()).isEqualTo("approval.refused.tooMany"));
		assertThat(approvals.toAnswer(BOB)).hasSize(Approvals.MAX_WAITING_PER_MEMBER);
	}

	/**
	 * A rule that names the requester by a group only single sign-on gives: the request
	 * keeps the names, so the approver finds its rule while the requester is away.
	 */
	@Test
	void requestWhenTheRuleCountsTheRequesterBySingleSignOnGroupsThenKeptAndTheApproverAnswersWithoutThem() {
		ApprovalRules.ApprovalRule rule = new ApprovalRules.ApprovalRule("oncall-deploys", List.of("user:" + BOB), 60,
				3600);
		List<String> aliceSignedIn = new CopyOnWriteArrayList<>(List.of("oncall", "sre"));
		Approvals approvals = approvals((member) -> ALICE.equals(member) ? List.copyOf(aliceSignedIn) : List.of(),
				(member, groups) -> groups.contains("oncall") ? Optional.of(rule) : Optional.empty());
		assertThatThrownBy(() -> approvals.request(BOB, new ApprovalForm(ROLE, "3600", "not in the group")))
			.isInstanceOfSatisfying(ApprovalRefusedException.class,
					(refused) -> assertThat(refused.messageCode()).isEqualTo("approval.refused.noRule"));

		long id = approvals.request(ALICE, new ApprovalForm(ROLE, "3600", "hotfix"));
		aliceSignedIn.clear();

		assertThat(this.repository.find(id)).map(Approval::requesterGroups).contains(List.of("oncall", "sre"));
		assertThat(approvals.toAnswer(BOB)).extracting(Approval::id).containsExactly(id);
		approvals.approve(id, BOB, "go");
		assertThat(this.repository.find(id)).map(Approval::status).contains(ApprovalStatus.APPROVED);
	}

	@Test
	void insertWhenTwoHundredGroupsOfTheLongestNameThenReadBackAsTheyWere() {
		List<String> groups = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			groups.add(String.format("%03d", i) + "g".repeat(61));
		}
		long id = this.repository.insert(ALICE, groups, ROLE, 3600, "r", "deploy", T0, T0.plus(Duration.ofDays(1)));

		assertThat(this.repository.find(id)).map(Approval::requesterGroups).contains(groups);
		assertThatThrownBy(() -> this.repository.insert(ALICE, List.of("two words"), ROLE, 3600, "r", "deploy", T0,
				T0.plus(Duration.ofDays(1))))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
