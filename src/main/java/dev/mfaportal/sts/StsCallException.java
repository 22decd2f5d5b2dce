package dev.mfaportal.sts;

/**
 * A call to STS that gave no credentials, with the reason and what STS said, if it said
 * anything.
 */
public class StsCallException extends RuntimeException {

	private final StsFailure failure;

	private final String errorCode;

	private final String requestId;

	public StsCallException(StsFailure failure, String errorCode, String stsMessage, String requestId,
			Throwable cause) {
		super(stsMessage, cause);
		this.failure = failure;
		this.errorCode = errorCode;
		this.requestId = requestId;
	}

	public StsFailure failure() {
		return this.failure;
	}

	/**
	 * STS's error code, such as {@code AccessDenied}, or {@code null} when STS said
	 * nothing.
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/**
	 * STS's own words, shown to the user beside ours; {@code null} when STS said nothing.
	 */
	public String stsMessage() {
		return getMessage();
	}

	/** STS's request id, for a support case; {@code null} when STS said nothing. */
	public String requestId() {
		return this.requestId;
	}

}
