package dev.mfaportal.issuing;

import dev.mfaportal.sts.StsFailure;

import org.springframework.http.HttpStatus;

/**
 * The HTTP status of the form page that reports a failed STS call: the request's fault
 * (422), STS asking to slow down (429), or the way to STS failing (502, 504).
 */
final class StsFailureStatus {

	private StsFailureStatus() {
	}

	static HttpStatus of(StsFailure failure) {
		return switch (failure) {
			case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
			case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			case UNREACHABLE, CONNECTION_LOST, STS_ERROR, UNEXPECTED -> HttpStatus.BAD_GATEWAY;
			case NO_CREDENTIALS, PROFILE_FILE_UNREADABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.UNPROCESSABLE_ENTITY;
		};
	}

}
