package dev.mfaportal.sts;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;

import javax.net.ssl.SSLException;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws into a {@link StsFailure}. Modeled STS errors arrive as typed
 * exceptions, the rest ({@code AccessDenied}, {@code InvalidClientTokenId}, ...) as a
 * plain {@code StsException}: the error code and, for AccessDenied, STS's message tell
 * them apart.
 */
final class StsErrors {

	private static final Map<String, StsFailure> BY_CODE = Map.of("InvalidClientTokenId", StsFailure.UNKNOWN_ACCESS_KEY,
			"SignatureDoesNotMatch", StsFailure.SIGNATURE_MISMATCH, "ExpiredToken", StsFailure.EXPIRED_TOKEN,
			"ExpiredTokenException", StsFailure.EXPIRED_TOKEN, "RegionDisabledException", StsFailure.REGION_DISABLED,
			"Throttling", StsFailure.THROTTLED, "ThrottlingException", StsFailure.THROTTLED, "IncompleteSignature",
			StsFailure.SIGNATURE_MISMATCH);

	private StsErrors() {
	}

	static StsCallException classify(SdkException exception) {
		if (exception instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			AwsErrorDetails details = service.awsErrorDetails();
			String message = details.errorMessage();
			return new StsCallException(fromService(details.errorCode(), message, service.statusCode()),
					details.errorCode(), message, service.requestId(), exception);
		}
		return new StsCallException(fromClient(exception), null, null, null, exception);
	}

	private static StsFailure fromService(String code, String message, int status) {
		String text = (message != null) ? message : "";
		if ("AccessDenied".equals(code)) {
			if (text.contains("invalid MFA one time pass code")) {
				return StsFailure.INVALID_CODE;
			}
			if (text.contains("unable to validate MFA code")) {
				return StsFailure.SERIAL_NOT_ASSOCIATED;
			}
			if (text.contains("with session credentials")) {
				return StsFailure.SESSION_CREDENTIALS;
			}
			if (text.contains("sts:SetSourceIdentity") || text.contains("sts:TagSession")) {
				return StsFailure.MEMBER_NAME_NOT_TRUSTED;
			}
			if (text.contains("sts:AssumeRole")) {
				return StsFailure.ROLE_NOT_ASSUMABLE;
			}
			return StsFailure.ACCESS_DENIED;
		}
		if ("ValidationError".equals(code) && text.contains("MaxSessionDuration")) {
			return StsFailure.ROLE_DURATION_TOO_LONG;
		}
		if ("ValidationError".equals(code) && text.contains("role chaining")) {
			return StsFailure.ROLE_CHAINING_LIMIT;
		}
		if ("ValidationError".equals(code)) {
			return text.toLowerCase(java.util.Locale.ROOT).contains("durationseconds")
					? StsFailure.DURATION_OUT_OF_RANGE : StsFailure.INVALID_REQUEST;
		}
		StsFailure known = BY_CODE.get(code);
		if (known != null) {
			return known;
		}
		return (status >= 500) ? StsFailure.STS_ERROR : StsFailure.UNEXPECTED;
	}

	private static StsFailure fromClient(SdkException exception) {
		if (exception instanceof ApiCallTimeoutException || exception instanceof ApiCallAttemptTimeoutException
				|| hasCause(exception, SocketTimeoutException.class)
				|| hasCause(exception, InterruptedIOException.class)) {
			return StsFailure.TIMEOUT;
		}
		if (neverReachedSts(exception) || hasCause(exception, SSLException.class)) {
			return StsFailure.UNREACHABLE;
		}
		if (hasCause(exception, java.net.SocketException.class)) {
			// reset or closed mid-call: a proxy or STS dropped it, nothing the person
			// typed
			return StsFailure.CONNECTION_LOST;
		}
		return StsFailure.UNEXPECTED;
	}

	/**
	 * Whether a failure happened before any byte reached STS, so that repeating the call
	 * can't spend the MFA code twice.
	 */
	static boolean neverReachedSts(Throwable failure) {
		return hasCause(failure, ConnectException.class) || hasCause(failure, UnknownHostException.class)
				|| hasCause(failure, NoRouteToHostException.class);
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
