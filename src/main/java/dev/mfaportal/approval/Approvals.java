package dev.mfaportal.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.approval.ApprovalRules.ApprovalRule;
import dev.mfaportal.approval.ApprovalStep.Step;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking, answering and withdrawing. Each step changes the row and records its history
 * row in one transaction, and each change names the status it leaves, so that a step
 * taken twice at once (two approvers, two instances) happens once.
 */
class Approvals {

	/** The most requests a page lists. */
	static final int PAGE_SIZE = 100;

	/**
	 * Requests one member may have waiting at once: enough for real work, and a flood of
	 * requests can't push everyone else's off the approvers' pages.
	 */
	static final int MAX_WAITING_PER_MEMBER = 5;

	private static final int PENDING_SCAN = 2000;

	private final ApprovalRepository repository;

	private final ApprovalRules rules;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApprovalSettings settings;

	Approvals(ApprovalRepository repository, ApprovalRules rules, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, ApprovalSettings settings) {
		this.repository = repository;
		this.rules = rules;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * @param form a form that passed {@link ApprovalFormValidator}
	 * @return the new request's id
	 * @throws ApprovalRefusedException when no rule asks for an approval of this role for
	 * this member, or the length is over the rule's
	 */
	long request(String member, ApprovalForm form) {
		String roleArn = form.roleArn();
		int duration = form.duration();
		// The member is signed in now: the groups single sign-on gives them count, and
		// are kept for the approvers, who answer when they are not.
		List<String> groups = this.rules.signedInGroups(member);
		ApprovalRule rule = this.rules.ruleFor(member, groups, roleArn)
			.orElseThrow(
					() -> new ApprovalRefusedException(HttpStatus.BAD_REQUEST, "approval.refused.noRule", roleArn));
		if (duration > rule.maxSeconds()) {
			throw new ApprovalRefusedException(HttpStatus.BAD_REQUEST, "approval.refused.tooLong",
					String.valueOf(duration), String.valueOf(rule.maxSeconds()), rule.rule());
		}
		if (this.repository.waitingOf(member) >= MAX_WAITING_PER_MEMBER) {
			throw new ApprovalRefusedException(HttpStatus.TOO_MANY_REQUESTS, "approval.refused.tooMany",
					String.valueOf(MAX_WAITING_PER_MEMBER));
		}
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.settings.requestValidFor());
		return this.transactions.execute((status) -> {
			long id = this.repository.insert(member, groups, roleArn, duration, form.reason(), rule.rule(), now,
					expires);
			this.events.publishEvent(new ApprovalStep(now, member, member, id, roleArn, duration, Step.REQUESTED));
			return id;
		});
	}

	/** Approves, for {@code valid-minutes} of the rule as it stands now. */
	Approval approve(long id, String approver, String note) {
		Approval request = answerable(id, approver);
		// Asked again: the policy may have changed since the checks above.
		ApprovalRule rule = ruleFor(request).orElseThrow(() -> new ApprovalRefusedException(HttpStatus.CONFLICT,
				"approval.refused.ruleGone", request.roleArn()));
		if (request.durationSeconds() > rule.maxSeconds()) {
			throw new ApprovalRefusedException(HttpStatus.CONFLICT, "approval.refused.tooLong",
					String.valueOf(request.durationSeconds()), String.valueOf(rule.maxSeconds()), rule.rule());
		}
		Instant now = this.clock.instant();
		Instant validUntil = now.plus(Duration.ofMinutes(rule.validMinutes()));
		this.transactions.executeWithoutResult((status) -> {
			if (!this.repository.approve(id, approver, note, now, validUntil)) {
				throw closedMeanwhile(id);
			}
			this.events.publishEvent(step(request, approver, now, Step.APPROVED));
		});
		return request;
	}

	Approval deny(long id, String approver, String note) {
		Approval request = answerable(id, approver);
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			if (!this.repository.deny(id, approver, note, now)) {
				throw closedMeanwhile(id);
			}
			this.events.publishEvent(step(request, approver, now, Step.DENIED));
		});
		return request;
	}

	Approval withdraw(long id, String member) {
		Approval request = this.repository.find(id)
			.filter((found) -> found.requester().equals(member))
			.orElseThrow(Approvals::notFound);
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			if (!this.repository.withdraw(id, member, now)) {
				throw closedMeanwhile(id);
			}
			this.events.publishEvent(step(request, member, now, Step.WITHDRAWN));
		});
		return request;
	}

	List<Approval> mine(String member) {
		return this.repository.ofRequester(member, PAGE_SIZE);
	}

	/** The pending requests of others that the rules let this member answer. */
	List<Approval> toAnswer(String approver) {
		// Every member's waiting requests fit (MAX_WAITING_PER_MEMBER each); the page
		// shows
		// the oldest of those this approver may answer.
		return this.repository.pendingOfOthers(approver, PENDING_SCAN)
			.stream()
			.filter((request) -> ruleFor(request).map((rule) -> this.rules.mayApprove(approver, rule)).orElse(false))
			.toList();
	}

	/** The member's own pending requests and those waiting for their answer. */
	PendingCounts counts(String member) {
		return new PendingCounts(this.repository.countOfRequester(member, ApprovalStatus.PENDING),
				toAnswer(member).size());
	}

	/**
	 * The checks every answer makes before anything changes: the request exists and is
	 * pending, it is not the approver's own, and the rule names the approver.
	 */
	private Approval answerable(long id, String approver) {
		Approval request = this.repository.find(id).orElseThrow(Approvals::notFound);
		if (request.requester().equals(approver)) {
			throw new ApprovalRefusedException(HttpStatus.FORBIDDEN, "approval.refused.own");
		}
		Optional<ApprovalRule> rule = ruleFor(request);
		if (rule.isPresent() && !this.rules.mayApprove(approver, rule.get())) {
			throw new ApprovalRefusedException(HttpStatus.FORBIDDEN, "approval.refused.notApprover", rule.get().rule());
		}
		if (request.status() != ApprovalStatus.PENDING) {
			throw new ApprovalRefusedException(HttpStatus.CONFLICT, "approval.refused.closed", String.valueOf(id));
		}
		if (rule.isEmpty()) {
			// The policy changed since: nothing asks for this approval any more.
			throw new ApprovalRefusedException(HttpStatus.CONFLICT, "approval.refused.ruleGone", request.roleArn());
		}
		return request;
	}

	/** The request's rule now, counting the groups the requester had when asking. */
	private Optional<ApprovalRule> ruleFor(Approval request) {
		return this.rules.ruleFor(request.requester(), request.requesterGroups(), request.roleArn());
	}

	private static ApprovalRefusedException closedMeanwhile(long id) {
		return new ApprovalRefusedException(HttpStatus.CONFLICT, "approval.refused.closedMeanwhile",
				String.valueOf(id));
	}

	private static ApprovalRefusedException notFound() {
		return new ApprovalRefusedException(HttpStatus.NOT_FOUND, "approval.refused.notFound");
	}

	private static ApprovalStep step(Approval request, String actor, Instant at, Step step) {
		return new ApprovalStep(at, actor, request.requester(), request.id(), request.roleArn(),
				request.durationSeconds(), step);
	}

	/**
	 * @param mine the member's own requests waiting for an answer
	 * @param toAnswer the requests of others waiting for the member's answer
	 */
	record PendingCounts(int mine, int toAnswer) {
	}

}
