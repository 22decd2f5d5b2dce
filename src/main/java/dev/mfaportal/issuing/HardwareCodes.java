package dev.mfaportal.issuing;

import java.util.List;

/**
 * A code read from a hardware key (a YubiKey's OATH account) instead of typed,
 * implemented where the portal may run a program on the person's own machine: local mode
 * only.
 */
public interface HardwareCodes {

	/** Whether the form offers the button: the program that reads the key is there. */
	boolean available();

	/**
	 * Reads the current code of an account; may wait for the person to touch the key.
	 * Never logs or keeps the code.
	 * @param account the account's name on the key
	 * @return the 6 digits
	 * @throws Failure when no code could be read, in words for the person
	 */
	String code(String account);

	/**
	 * Why no code was read, as a message key and its arguments; nothing was sent to AWS.
	 */
	class Failure extends RuntimeException {

		private final String messageKey;

		private final List<String> arguments;

		public Failure(String messageKey, List<String> arguments) {
			super(messageKey);
			this.messageKey = messageKey;
			this.arguments = List.copyOf(arguments);
		}

		public String messageKey() {
			return this.messageKey;
		}

		public List<String> arguments() {
			return this.arguments;
		}

	}

}
