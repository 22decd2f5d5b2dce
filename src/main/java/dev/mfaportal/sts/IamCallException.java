package dev.mfaportal.sts;

/**
 * A call to IAM that did not do what it was asked, with IAM's error code and words when
 * IAM said anything.
 */
public class IamCallException extends RuntimeException {

	private final String errorCode;

	private final String requestId;

	public IamCallException(String errorCode, String iamMessage, String requestId, Throwable cause) {
		super(iamMessage, cause);
		this.errorCode = errorCode;
		this.requestId = requestId;
	}

	/**
	 * IAM's error code ({@code LimitExceeded}, {@code AccessDenied}, ...), or
	 * {@code null} when IAM said nothing (no connection, no answer).
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/** IAM's request id, or {@code null}. */
	public String requestId() {
		return this.requestId;
	}

}
