package dev.mfaportal.terminal;

import org.springframework.http.HttpStatus;

/**
 * Why a program gets no credentials: a status, a code for programs and a message for the
 * person, who reads it where the SDK or the CLI prints it.
 */
class ServeRefused extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final String messageKey;

	private final transient Object[] arguments;

	ServeRefused(HttpStatus status, String code, String messageKey, Object... arguments) {
		super(code, null, false, false);
		this.status = status;
		this.code = code;
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	String messageKey() {
		return this.messageKey;
	}

	Object[] arguments() {
		return this.arguments;
	}

}
