package dev.mfaportal.audit;

import java.time.Instant;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.IssueFailed;
import dev.mfaportal.issuing.IssueRejected;
import dev.mfaportal.limit.DeviceLocked;
import dev.mfaportal.limit.DeviceUnlocked;
import dev.mfaportal.rotation.KeyRotationStep;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.terminal.RoleServed;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes one row per event of the issuing and limit features. Synchronous, in the
 * publisher's transaction when it has one, so an attempt and its audit row stand or fall
 * together. The events hold no secret, session token or MFA code, so no row can.
 * <p>
 * A row for an answer of STS that the database can't take now is kept and written later
 * ({@link UnwrittenAuditRows}); the failure still reaches the publisher, so the person is
 * told the history is behind.
 */
@Component
class AuditRecorder {

	private final AuditRepository audit;

	private final UnwrittenAuditRows unwritten;

	AuditRecorder(AuditRepository audit, UnwrittenAuditRows unwritten) {
		this.audit = audit;
		this.unwritten = unwritten;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		answered(entry(issued.attempt(), Outcome.ISSUED, null, issued.expiresAt()));
	}

	@EventListener
	void on(IssueFailed failed) {
		String errorCode = (failed.errorCode() != null) ? failed.errorCode() : failed.failure().name();
		answered(entry(failed.attempt(), Outcome.FAILED, errorCode, null));
	}

	private void answered(AuditEntry entry) {
		try {
			this.audit.insert(entry);
		}
		catch (DataAccessException ex) {
			this.unwritten.keep(entry);
			throw ex;
		}
	}

	@EventListener
	void on(IssueRejected rejected) {
		this.audit.insert(entry(rejected.attempt(), outcome(rejected.reason()), null, null));
	}

	@EventListener
	void on(DeviceLocked locked) {
		this.audit.insert(device(locked.at(), locked.actor(), null, locked.serialNumber(), Outcome.DEVICE_LOCKED));
	}

	/**
	 * Recorded in the owner's history, since it is the owner's device. Who unlocked it
	 * goes in the source column (the unlock used no keys), so an unlock by someone else,
	 * an admin later, shows.
	 */
	@EventListener
	void on(DeviceUnlocked unlocked) {
		this.audit.insert(device(unlocked.at(), unlocked.actor(), unlocked.by(), unlocked.serialNumber(),
				Outcome.DEVICE_UNLOCKED));
	}

	/**
	 * A role served to a terminal, or refused by STS, under the role profile's name; the
	 * device is the one whose code issued the held session. The program has its answer
	 * already: a row the database can't take now is kept and written later, and the
	 * failure does not reach the program.
	 */
	@EventListener
	void on(RoleServed served) {
		AuditEntry entry = new AuditEntry(null, served.at(), served.actor(), served.profile(),
				served.maskedAccessKeyId(), served.serialNumber(), null, served.durationSeconds(),
				served.issued() ? Outcome.SERVED_ROLE : Outcome.FAILED, served.errorCode(), served.expiresAt(),
				served.clientAddress());
		try {
			this.audit.insert(entry);
		}
		catch (DataAccessException ex) {
			this.unwritten.keep(entry);
		}
	}

	/**
	 * A step of a key rotation, under the key's name. The key has changed at AWS by now:
	 * a row the database can't take now is kept and written later, and the rotation goes
	 * on.
	 */
	@EventListener
	void on(KeyRotationStep step) {
		Outcome outcome = step.succeeded() ? switch (step.step()) {
			case REFUSED -> Outcome.KEY_ROTATION_REFUSED;
			case CREATE -> Outcome.KEY_CREATED;
			case STORE -> Outcome.KEY_STORED;
			case CONFIRM -> Outcome.KEY_CONFIRMED;
			case UNDO -> Outcome.KEY_UNDONE;
			case DELETE_OLD -> Outcome.KEY_OLD_DELETED;
		} : (step.step() == KeyRotationStep.Step.REFUSED) ? Outcome.KEY_ROTATION_REFUSED : Outcome.KEY_STEP_FAILED;
		String errorCode = step.succeeded() ? null : step.step().name() + ": " + step.errorCode();
		AuditEntry entry = new AuditEntry(null, step.at(), step.actor(), step.label(),
				AccessKeys.mask(step.accessKeyId()), step.serialNumber(), null, null, outcome, errorCode, null,
				step.clientAddress());
		try {
			this.audit.insert(entry);
		}
		catch (DataAccessException ex) {
			this.unwritten.keep(entry);
		}
	}

	private static AuditEntry entry(IssueAttempt attempt, Outcome outcome, String errorCode, Instant expiresAt) {
		return new AuditEntry(null, attempt.at(), attempt.actor(), attempt.source(), attempt.maskedAccessKeyId(),
				attempt.serialNumber(), attempt.deviceLabel(), attempt.durationSeconds(), outcome, errorCode, expiresAt,
				attempt.clientAddress());
	}

	private static AuditEntry device(Instant at, String actor, String source, String serialNumber, Outcome outcome) {
		return new AuditEntry(null, at, actor, source, null, serialNumber, null, null, outcome, null, null, null);
	}

	private static Outcome outcome(IssueRejected.Reason reason) {
		return switch (reason) {
			case INVALID_INPUT -> Outcome.REJECTED_INPUT;
			case ATTEMPT_LIMIT -> Outcome.REJECTED_LIMIT;
			case DEVICE_LOCKED -> Outcome.REJECTED_LOCKED;
			case CODE_REUSED -> Outcome.REJECTED_CODE_REUSED;
		};
	}

}
