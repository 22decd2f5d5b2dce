package dev.mfaportal.approval;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A step the portal refused, with the sentence that says why and the status the page
 * answers with. Nothing was changed.
 */
class ApprovalRefusedException extends RuntimeException {

	private final HttpStatus status;

	private final String messageCode;

	private final List<String> arguments;

	ApprovalRefusedException(HttpStatus status, String messageCode, String... arguments) {
		super(messageCode, null, false, false);
		this.status = status;
		this.messageCode = messageCode;
		this.arguments = List.of(arguments);
	}

	HttpStatus status() {
		return this.status;
	}

	String messageCode() {
		return this.messageCode;
	}

	List<String> arguments() {
		return this.arguments;
	}

}
