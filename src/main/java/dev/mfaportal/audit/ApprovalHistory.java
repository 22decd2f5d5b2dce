package dev.mfaportal.audit;

import dev.mfaportal.approval.ApprovalStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes one row per step of an approval. The row is the member's: an answer is the
 * approver's act done to the member (actor and target), and the approver's name is in the
 * source column too, so the member's own history says who approved. The approval's id is
 * in the error code column ({@code approval-42}); the reason and the note are never
 * recorded, so no event that leaves the portal carries them.
 * <p>
 * Published inside the step's transaction: the row is written with the step. A row the
 * database can't take now is kept and written later, like every listener here.
 */
@Component
class ApprovalHistory {

	private static final Logger logger = LoggerFactory.getLogger(ApprovalHistory.class);

	private final AuditRepository audit;

	private final UnwrittenAuditRows unwritten;

	ApprovalHistory(AuditRepository audit, UnwrittenAuditRows unwritten) {
		this.audit = audit;
		this.unwritten = unwritten;
	}

	@EventListener
	void on(ApprovalStep step) {
		Outcome outcome = switch (step.step()) {
			case REQUESTED -> Outcome.APPROVAL_REQUESTED;
			case APPROVED -> Outcome.APPROVAL_APPROVED;
			case DENIED -> Outcome.APPROVAL_DENIED;
			case WITHDRAWN -> Outcome.APPROVAL_WITHDRAWN;
			case EXPIRED -> Outcome.APPROVAL_EXPIRED;
			case USED -> Outcome.APPROVAL_USED;
			case RELEASED -> Outcome.APPROVAL_RELEASED;
		};
		boolean byOther = !step.actor().equals(step.member());
		AuditEntry entry = new AuditEntry(null, step.at(), step.actor(), byOther ? step.actor() : null, null, null,
				null, step.durationSeconds(), outcome, "approval-" + step.approvalId(), null, null,
				byOther ? step.member() : null, new CloudTrailIds(step.roleArn(), null, null, null));
		logger.info("{} #{} of {} by {}", outcome, step.approvalId(), step.member(), step.actor());
		try {
			this.audit.insert(entry);
		}
		catch (DataAccessException ex) {
			logger.error("The history can't take the row of {} #{} now; it is kept to be written later: {}", outcome,
					step.approvalId(), ex.getMessage());
			this.unwritten.keep(entry);
		}
	}

}
