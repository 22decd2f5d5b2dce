package dev.mfaportal.approval;

import java.time.Clock;
import java.time.Instant;

import dev.mfaportal.approval.ApprovalStep.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes requests nobody answered in time and approvals nobody used in time. Every
 * instance runs it; each row is closed by one conditional update, and only the instance
 * whose update changed the row records it, so the history holds each expiry once.
 */
class ApprovalCloser {

	private static final Logger logger = LoggerFactory.getLogger(ApprovalCloser.class);

	private static final int BATCH = 200;

	private final ApprovalRepository repository;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ApprovalCloser(ApprovalRepository repository, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.repository = repository;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${portal.approvals.close-interval:1m}",
			initialDelayString = "${portal.approvals.close-interval:1m}")
	void closeOnSchedule() {
		try {
			closeExpired();
		}
		catch (DataAccessException ex) {
			// The next run tries again; nothing is half done, each row is its own step.
			logger.warn("Expired approvals not closed now: {}", ex.getMessage());
		}
	}

	/**
	 * @return how many rows this call closed
	 */
	int closeExpired() {
		Instant now = this.clock.instant();
		int closed = 0;
		for (Approval due : this.repository.due(now, BATCH)) {
			Boolean done = this.transactions.execute((status) -> {
				if (!this.repository.expire(due.id(), now)) {
					return false;
				}
				this.events.publishEvent(new ApprovalStep(now, due.requester(), due.requester(), due.id(),
						due.roleArn(), due.durationSeconds(), Step.EXPIRED));
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				closed++;
			}
		}
		return closed;
	}

}
