package dev.mfaportal.emulator;

import java.util.Objects;

/**
 * An error the emulator answers every request with (or, with an {@code action}, every
 * request for that action), before looking at it, to test how the portal copes with an
 * STS or IAM outage.
 */
public record ForcedFailure(int status, String code, String message, String action) {

	public ForcedFailure(int status, String code, String message) {
		this(status, code, message, null);
	}

	public ForcedFailure {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be an HTTP error status: " + status);
		}
	}

	/** The same failure for requests of this {@code Action} only. */
	public ForcedFailure onlyFor(String action) {
		return new ForcedFailure(this.status, this.code, this.message, action);
	}

	/** STS's answer to an internal error: 500 {@code InternalFailure}. */
	public static ForcedFailure internalFailure() {
		return new ForcedFailure(500, "InternalFailure", "An internal error has occurred");
	}

	/** 503 {@code ServiceUnavailable}, which the SDK treats as retryable. */
	public static ForcedFailure serviceUnavailable() {
		return new ForcedFailure(503, "ServiceUnavailable", "Service is unable to handle request.");
	}

}
