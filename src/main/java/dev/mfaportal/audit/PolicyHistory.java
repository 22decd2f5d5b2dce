package dev.mfaportal.audit;

import dev.mfaportal.policy.PolicyChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One row per read of the team's policy file, taken or refused, under the actor
 * {@value #ACTOR}: every instance reads the file for itself, so every instance writes its
 * own row, and the outbox carries each. A row the database can't take now is kept and
 * written later, like the others.
 */
@Component
class PolicyHistory {

	/** Whose history the rows are in: no member's. */
	static final String ACTOR = "(policy)";

	private static final Logger logger = LoggerFactory.getLogger(PolicyHistory.class);

	private final AuditRepository audit;

	private final UnwrittenAuditRows unwritten;

	PolicyHistory(AuditRepository audit, UnwrittenAuditRows unwritten) {
		this.audit = audit;
		this.unwritten = unwritten;
	}

	@EventListener
	void on(PolicyChanged changed) {
		AuditEntry entry = new AuditEntry(null, changed.at(), ACTOR, changed.file(), null, null, null, null,
				changed.accepted() ? Outcome.POLICY_LOADED : Outcome.POLICY_REJECTED, changed.error(), null, null,
				(String) null);
		try {
			this.audit.insert(entry);
		}
		catch (RuntimeException ex) {
			logger.warn("Audit row of the policy file ({}) kept to be written later: {}", entry.outcome(),
					ex.toString());
			this.unwritten.keep(entry);
		}
	}

}
