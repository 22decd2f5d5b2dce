package dev.mfaportal.rotation;

import java.util.List;

/**
 * The store can't say now whether it holds a key, or can't read it: a vault still waiting
 * for its passphrase, a keychain that does not answer. Nothing was changed. The message
 * key says why in words for the keys page; its arguments name no secret.
 */
public class KeyStoreUnavailable extends RuntimeException {

	private final String messageKey;

	private final List<String> arguments;

	public KeyStoreUnavailable(String messageKey, String... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = List.of(arguments);
	}

	public String messageKey() {
		return this.messageKey;
	}

	public List<String> arguments() {
		return this.arguments;
	}

}
