package dev.mfaportal.audit;

import java.util.Locale;

/**
 * What happened, as stored in {@code audit_event.outcome}. The names are stored and
 * written to CSV files, so they never change; each has a label {@code outcome.<name>} in
 * every language.
 */
enum Outcome {

	/** STS issued credentials. */
	ISSUED,
	/** STS, or the way to it, gave no credentials. */
	FAILED,
	/** The form did not pass the STS model's checks; STS was not called. */
	REJECTED_INPUT,
	/** Too many failed MFA codes in the window; STS was not called. */
	REJECTED_LIMIT,
	/** The device was locked; STS was not called. */
	REJECTED_LOCKED,
	/** The code had already been sent to STS; STS was not called. */
	REJECTED_CODE_REUSED,
	/** The team's policy does not allow it; STS was not called. */
	REJECTED_POLICY,
	/**
	 * The policy asks for an approval and there was none to spend; STS was not called.
	 */
	REJECTED_NO_APPROVAL,
	/** The device was locked after too many failures in a row. */
	DEVICE_LOCKED,
	/** A locked device was unlocked. */
	DEVICE_UNLOCKED,
	/**
	 * Role credentials assumed from the session held for terminals, without a code, and
	 * handed to a program.
	 */
	SERVED_ROLE,
	/** An admin added a member (the target). */
	MEMBER_ADDED,
	/** An admin disabled a member (the target); their sessions ended. */
	MEMBER_DISABLED,
	/** An admin enabled a member (the target) again. */
	MEMBER_ENABLED,
	/** An admin gave a member (the target) a one-time password; their sessions ended. */
	PASSWORD_RESET,
	/** A member changed their own password; their other sessions ended. */
	PASSWORD_CHANGED,
	/** A member stored a long-term access key. */
	KEY_STORED,
	/** A member deleted a stored access key. */
	KEY_DELETED,
	/** A member signed in. */
	SIGNED_IN,
	/** A sign-in failed; the actor is {@code -} when the name was no member's. */
	SIGN_IN_FAILED,
	/** A sign-in was refused before its password was checked: too many failures. */
	SIGN_IN_THROTTLED,
	/** A key rotation refused before any call: the IAM user has two keys already. */
	KEY_ROTATION_REFUSED,
	/** Rotation: IAM created the new key. */
	KEY_CREATED,
	/** Rotation: the new key stored in place of the old. */
	KEY_NEW_STORED,
	/** Rotation: the new key worked with GetCallerIdentity. */
	KEY_CONFIRMED,
	/** Rotation: a new key that could not be stored or confirmed deleted again. */
	KEY_UNDONE,
	/** Rotation: the old key deleted at IAM. */
	KEY_OLD_DELETED,
	/** Rotation: a step failed; the error code names the step and why. */
	KEY_STEP_FAILED,
	/** A member asked for an approval; the error code column holds its id. */
	APPROVAL_REQUESTED,
	/** An approver (actor and source) approved the member's (target) request. */
	APPROVAL_APPROVED,
	/** An approver (actor and source) denied the member's (target) request. */
	APPROVAL_DENIED,
	/** The member withdrew their request. */
	APPROVAL_WITHDRAWN,
	/** A request nobody answered, or an approval nobody used, in time. */
	APPROVAL_EXPIRED,
	/** An issue spent the approval. */
	APPROVAL_USED,
	/** The attempt that spent the approval was refused before STS: it is usable again. */
	APPROVAL_RELEASED,
	/**
	 * An instance read the team's policy file, at start or after it changed; the source
	 * is the file.
	 */
	POLICY_LOADED,
	/**
	 * An instance refused a changed policy file and kept the last good one; the error
	 * code says why, with the line.
	 */
	POLICY_REJECTED;

	public String messageKey() {
		return "outcome." + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
