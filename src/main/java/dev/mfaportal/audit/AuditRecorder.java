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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes one row per event of the issuing, limit and terminal features. The events hold
 * no secret, session token or MFA code, so no row can.
 * <p>
 * A listener that stands alone: a row of an attempt, a refusal, a lock or a served role
 * that the database can't take now (whatever it fails with: no connection, no
 * transaction) is kept and written when it is back ({@link UnwrittenAuditRows}), and
 * nothing is thrown at the publisher, so the other listeners of the same event run
 * whatever the order. For an answer of STS the event's receipt says the history is
 * behind, and the page tells the person. An unlock is the exception: its row is written
 * in the unlock's own transaction, and they stand or fall together.
 */
@Component
class AuditRecorder {

	private static final Logger logger = LoggerFactory.getLogger(AuditRecorder.class);

	private final AuditRepository audit;

	private final UnwrittenAuditRows unwritten;

	AuditRecorder(AuditRepository audit, UnwrittenAuditRows unwritten) {
		this.audit = audit;
		this.unwritten = unwritten;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		if (!insertOrKeep(entry(issued.attempt(), Outcome.ISSUED, null, issued.expiresAt(), new CloudTrailIds(
				issued.attempt().roleArn(), issued.stsRequestId(), issued.accessKeyId(), issued.assumedRoleId())))) {
			issued.receipt().behind();
		}
	}

	@EventListener
	void on(IssueFailed failed) {
		String errorCode = (failed.errorCode() != null) ? failed.errorCode() : failed.failure().name();
		if (!insertOrKeep(entry(failed.attempt(), Outcome.FAILED, errorCode, null,
				new CloudTrailIds(failed.attempt().roleArn(), failed.stsRequestId(), null, null)))) {
			failed.receipt().behind();
		}
	}

	@EventListener
	void on(IssueRejected rejected) {
		insertOrKeep(entry(rejected.attempt(), outcome(rejected.reason()), null, null,
				new CloudTrailIds(rejected.attempt().roleArn(), null, null, null)));
	}

	@EventListener
	void on(DeviceLocked locked) {
		insertOrKeep(device(locked.at(), locked.actor(), null, locked.serialNumber(), Outcome.DEVICE_LOCKED));
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
	 * already: the failure does not reach it.
	 */
	@EventListener
	void on(RoleServed served) {
		insertOrKeep(new AuditEntry(null, served.at(), served.actor(), served.profile(), served.maskedAccessKeyId(),
				served.serialNumber(), null, served.durationSeconds(),
				served.issued() ? Outcome.SERVED_ROLE : Outcome.FAILED, served.errorCode(), served.expiresAt(),
				served.clientAddress(), new CloudTrailIds(served.roleArn(), served.stsRequestId(), served.accessKeyId(),
						served.assumedRoleId())));
	}

	/**
	 * @return whether the row was written now; when not, it waits to be written later
	 */
	private boolean insertOrKeep(AuditEntry entry) {
		try {
			this.audit.insert(entry);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Audit row of {} ({}) kept to be written later: {}", entry.actor(), entry.outcome(),
					ex.toString());
			this.unwritten.keep(entry);
			return false;
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
			case STORE -> Outcome.KEY_NEW_STORED;
			case CONFIRM -> Outcome.KEY_CONFIRMED;
			case UNDO -> Outcome.KEY_UNDONE;
			case DELETE_OLD -> Outcome.KEY_OLD_DELETED;
		} : (step.step() == KeyRotationStep.Step.REFUSED) ? Outcome.KEY_ROTATION_REFUSED : Outcome.KEY_STEP_FAILED;
		String errorCode = step.succeeded() ? null : step.step().name() + ": " + step.errorCode();
		AuditEntry entry = new AuditEntry(null, step.at(), step.actor(), step.label(),
				AccessKeys.mask(step.accessKeyId()), step.serialNumber(), null, null, outcome, errorCode, null,
				step.clientAddress());
		insertOrKeep(entry);
	}

	private static AuditEntry entry(IssueAttempt attempt, Outcome outcome, String errorCode, Instant expiresAt,
			CloudTrailIds ids) {
		return new AuditEntry(null, attempt.at(), attempt.actor(), attempt.source(), attempt.maskedAccessKeyId(),
				attempt.serialNumber(), attempt.deviceLabel(), attempt.durationSeconds(), outcome, errorCode, expiresAt,
				attempt.clientAddress(), ids);
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
			case POLICY -> Outcome.REJECTED_POLICY;
			case NO_APPROVAL -> Outcome.REJECTED_NO_APPROVAL;
		};
	}

}
