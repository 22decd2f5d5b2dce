package dev.mfaportal.credentialsource;

/**
 * The vault could not do what was asked; nothing changed. The message key says why in
 * words for the page, and no message ever carries a secret.
 */
public class VaultException extends RuntimeException {

	private final String messageKey;

	private final transient Object[] arguments;

	public VaultException(String messageKey, String detail, Throwable cause, Object... arguments) {
		super(messageKey + ": " + detail, cause);
		this.messageKey = messageKey;
		this.arguments = arguments.clone();
	}

	public String messageKey() {
		return this.messageKey;
	}

	public Object[] arguments() {
		return this.arguments.clone();
	}

}
