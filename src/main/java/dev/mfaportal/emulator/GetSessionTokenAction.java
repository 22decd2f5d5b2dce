package dev.mfaportal.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GetSessionToken}: STS's parameter constraints and messages, the MFA check, and
 * issuing.
 */
final class GetSessionTokenAction {

	static final long DEFAULT_DURATION_SECONDS = 43_200;

	static final long ROOT_MAX_DURATION_SECONDS = 3_600;

	private final IssuedSessions sessions;

	private final MfaCheck mfa;

	GetSessionTokenAction(IssuedSessions sessions, MfaCheck mfa) {
		this.sessions = sessions;
		this.mfa = mfa;
	}

	String handle(Caller caller, Map<String, String> parameters, Instant now, String requestId) {
		String duration = parameters.get("DurationSeconds");
		String serial = parameters.get("SerialNumber");
		String code = parameters.get("TokenCode");
		new ValidationErrors().range("durationSeconds", duration, 900, 129_600)
			.text("serialNumber", serial, 9, 256, MfaCheck.SERIAL_NUMBER_PATTERN)
			.text("tokenCode", code, 6, 6, MfaCheck.TOKEN_CODE_PATTERN)
			.throwIfAny();
		if (caller.sessionCredentials()) {
			throw StsError.accessDenied("Cannot call GetSessionToken with session credentials");
		}
		this.mfa.check(caller.user(), serial, code, now);
		long seconds = (duration != null) ? Long.parseLong(duration.trim()) : DEFAULT_DURATION_SECONDS;
		if (caller.user().root()) {
			// STS caps root sessions instead of rejecting the request
			seconds = Math.min(seconds, ROOT_MAX_DURATION_SECONDS);
		}
		IssuedSession session = this.sessions.issue(caller.user(), now, Duration.ofSeconds(seconds), code != null);
		return StsXml.success("GetSessionToken", requestId,
				(xml) -> xml.open("Credentials")
					.element("AccessKeyId", session.accessKeyId())
					.element("SecretAccessKey", session.secretAccessKey())
					.element("SessionToken", session.sessionToken())
					.element("Expiration", StsXml.EXPIRATION.format(session.expiration()))
					.close());
	}

}
