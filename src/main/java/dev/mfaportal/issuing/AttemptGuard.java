package dev.mfaportal.issuing;

import java.time.Instant;

/**
 * Decides, before STS is called, whether an attempt may go ahead. Implemented by the
 * attempt limits feature; issuing only asks.
 */
public interface AttemptGuard {

	/**
	 * Admits the attempt or says why not. Admitting claims the code: the same code for
	 * the same device is then refused until its window has passed.
	 * @param actor who is asking
	 * @param serialNumber the MFA device
	 * @param tokenCode the code, used only to recognise it again, never stored
	 * @return the verdict
	 */
	Verdict admit(String actor, String serialNumber, String tokenCode);

	/**
	 * @param decision what to do
	 * @param retryAt for {@link Decision#LIMITED}, when the next attempt will be admitted
	 */
	record Verdict(Decision decision, Instant retryAt) {

		public static final Verdict ADMITTED = new Verdict(Decision.ADMITTED, null);

	}

	/** The possible answers. */
	enum Decision {

		ADMITTED, LIMITED, LOCKED, CODE_REUSED

	}

}
