package dev.mfaportal.audit;

import dev.mfaportal.accesskey.AccessKeyDeleted;
import dev.mfaportal.accesskey.AccessKeyStored;
import dev.mfaportal.account.MemberChanged;
import dev.mfaportal.account.SignInAttempted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes one row, and one log line, per event of the account and access key features:
 * members added, disabled, enabled or reset by an admin, a password changed, a key stored
 * or deleted, a sign-in that succeeded, failed or was throttled. The events hold no
 * password, secret or one-time password, so neither can the row or the line.
 * <p>
 * Each listener stands alone: the action it records is done already, so a row the
 * database can't take now is kept and written later ({@link UnwrittenAuditRows}), and the
 * failure reaches neither the person nor the other listeners.
 */
@Component
class AccountHistory {

	/** The actor of a failed sign-in whose name is no member's. */
	static final String UNKNOWN_MEMBER = "(unknown)";

	private static final Logger logger = LoggerFactory.getLogger(AccountHistory.class);

	private final AuditRepository audit;

	private final UnwrittenAuditRows unwritten;

	AccountHistory(AuditRepository audit, UnwrittenAuditRows unwritten) {
		this.audit = audit;
		this.unwritten = unwritten;
	}

	@EventListener
	void on(MemberChanged changed) {
		Outcome outcome = switch (changed.change()) {
			case ADDED -> Outcome.MEMBER_ADDED;
			case DISABLED -> Outcome.MEMBER_DISABLED;
			case ENABLED -> Outcome.MEMBER_ENABLED;
			case PASSWORD_RESET -> Outcome.PASSWORD_RESET;
			case PASSWORD_CHANGED -> Outcome.PASSWORD_CHANGED;
		};
		record(new AuditEntry(null, changed.at(), changed.actor(), null, null, null, null, null, outcome, null, null,
				null, changed.member()));
	}

	@EventListener
	void on(SignInAttempted attempt) {
		Outcome outcome = switch (attempt.result()) {
			case SUCCEEDED -> Outcome.SIGNED_IN;
			case FAILED -> Outcome.SIGN_IN_FAILED;
			case THROTTLED -> Outcome.SIGN_IN_THROTTLED;
		};
		String actor = (attempt.member() != null) ? attempt.member() : UNKNOWN_MEMBER;
		record(new AuditEntry(null, attempt.at(), actor, null, null, null, null, null, outcome, null, null,
				attempt.clientAddress()));
	}

	@EventListener
	void on(AccessKeyStored stored) {
		record(new AuditEntry(null, stored.at(), stored.owner(), stored.label(), stored.maskedAccessKeyId(), null, null,
				null, Outcome.KEY_STORED, null, null, null));
	}

	@EventListener
	void on(AccessKeyDeleted deleted) {
		record(new AuditEntry(null, deleted.at(), deleted.owner(), deleted.label(), deleted.maskedAccessKeyId(), null,
				null, null, Outcome.KEY_DELETED, null, null, null));
	}

	private void record(AuditEntry entry) {
		logger.info("{} by {}{}{}", entry.outcome(), entry.actor(),
				(entry.target() != null) ? " of " + entry.target() : "",
				(entry.clientAddress() != null) ? " from " + entry.clientAddress() : "");
		try {
			this.audit.insert(entry);
		}
		catch (DataAccessException ex) {
			logger.error("The history can't take the row of {} by {} now; it is kept to be written later: {}",
					entry.outcome(), entry.actor(), ex.getMessage());
			this.unwritten.keep(entry);
		}
	}

}
