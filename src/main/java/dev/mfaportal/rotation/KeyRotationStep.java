package dev.mfaportal.rotation;

import java.time.Instant;

/**
 * One step of a key rotation, for the history. Names keys by their ids (public, what
 * CloudTrail records), never a secret or a code.
 *
 * @param at when
 * @param actor whose key
 * @param label the key's name
 * @param accessKeyId the key the step concerns: the new one, or the old one for its
 * deletion
 * @param serialNumber the MFA device whose code made the session, or {@code null}
 * @param step what was done
 * @param succeeded whether it worked
 * @param errorCode AWS's error code, or what failed, when it did not
 * @param clientAddress the browser's address
 */
public record KeyRotationStep(Instant at, String actor, String label, String accessKeyId, String serialNumber,
		Step step, boolean succeeded, String errorCode, String clientAddress) {

	/** The steps, in their order. */
	public enum Step {

		/** Refused before any call: the user has two keys already. */
		REFUSED,
		/** CreateAccessKey. */
		CREATE,
		/** The new pair stored in place of the old. */
		STORE,
		/** GetCallerIdentity with the new pair. */
		CONFIRM,
		/** DeleteAccessKey of the new key, when it could not be stored or confirmed. */
		UNDO,
		/** DeleteAccessKey of the old key. */
		DELETE_OLD

	}

}
