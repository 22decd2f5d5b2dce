package dev.mfaportal.emulator;

/**
 * An STS error answer, thrown from wherever a check fails and rendered as STS's
 * {@code ErrorResponse}. Texts are STS's own where known (the codes and statuses AWS
 * lists at https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html and in
 * each action's Errors section; the wording as STS sends it): clients match on them.
 */
final class StsError extends RuntimeException {

	static final String SIGNATURE_DOES_NOT_MATCH = "The request signature we calculated does not match the signature "
			+ "you provided. Check your AWS Secret Access Key and signing method. "
			+ "Consult the service documentation for details.";

	private final int status;

	private final String code;

	StsError(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	static StsError accessDenied(String message) {
		return new StsError(403, "AccessDenied", message);
	}

	static StsError invalidClientTokenId() {
		return new StsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
	}

	static StsError expiredToken() {
		return new StsError(403, "ExpiredToken", "The security token included in the request is expired");
	}

	static StsError signatureDoesNotMatch(String message) {
		return new StsError(403, "SignatureDoesNotMatch", message);
	}

	static StsError incompleteSignature(String message) {
		return new StsError(400, "IncompleteSignature", message);
	}

	static StsError missingAuthenticationToken() {
		return new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
	}

	static StsError validation(String message) {
		return new StsError(400, "ValidationError", message);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	/**
	 * STS says {@code Receiver} when the fault is its own, {@code Sender} when the
	 * request's.
	 */
	String type() {
		return (this.status >= 500) ? "Receiver" : "Sender";
	}

}
