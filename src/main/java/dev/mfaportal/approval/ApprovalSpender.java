package dev.mfaportal.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.mfaportal.approval.ApprovalStep.Step;
import dev.mfaportal.issuing.ApprovalGate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spends approvals for issuing. The spend is one conditional update, recorded in its
 * transaction: of two instances racing for one approval, one spends it and the other
 * finds none (it tries again only while another usable approval is left, so a second
 * approval is not refused because a race took the first).
 */
class ApprovalSpender implements ApprovalGate {

	/** A few rounds are plenty: each lost round means another issue spent one. */
	private static final int ROUNDS = 3;

	private final ApprovalRepository repository;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ApprovalSpender(ApprovalRepository repository, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.repository = repository;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Optional<String> spend(String actor, String roleArn, int durationSeconds) {
		for (int round = 0; round < ROUNDS; round++) {
			Instant now = this.clock.instant();
			Optional<Approval> spent = this.transactions.execute((status) -> {
				Optional<Approval> approval = this.repository
					.spendOne(actor, roleArn, durationSeconds, now, UUID.randomUUID().toString())
					.flatMap(this.repository::find);
				approval.ifPresent((used) -> this.events.publishEvent(step(used, now, Step.USED)));
				return approval;
			});
			if (spent.isPresent()) {
				return Optional.of(String.valueOf(spent.get().id()));
			}
			if (!this.repository.usable(actor, roleArn, durationSeconds, now)) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	@Override
	public void release(String approvalId) {
		long id;
		try {
			id = Long.parseLong(approvalId);
		}
		catch (NumberFormatException notOurs) {
			return;
		}
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			if (this.repository.release(id)) {
				this.repository.find(id)
					.ifPresent((approval) -> this.events.publishEvent(step(approval, now, Step.RELEASED)));
			}
		});
	}

	private static ApprovalStep step(Approval approval, Instant at, Step step) {
		return new ApprovalStep(at, approval.requester(), approval.requester(), approval.id(), approval.roleArn(),
				approval.durationSeconds(), step);
	}

}
