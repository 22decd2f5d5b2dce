package dev.mfaportal.sts.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code GetSessionToken}: STS's parameter constraints and messages, the MFA check, and issuing.
 */
final class GetSessionTokenAction {

	static final long DEFAULT_DURATION_SECONDS = 43_200;

	static final long ROOT_MAX_DURATION_SECONDS = 3_600;

	static final String INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

	static final String UNKNOWN_SERIAL = "MultiFactorAuthentication failed, unable to validate MFA code.  "
			+ "Please verify your MFA serial number is valid and associated with this user.";

	/** STS writes {@code Expiration} with milliseconds, always three digits. */
	private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final IssuedSessions sessions;

	private final OneTimeCodes codes;

	GetSessionTokenAction(IssuedSessions sessions, OneTimeCodes codes) {
		this.sessions = sessions;
		this.codes = codes;
	}

	String handle(Caller caller, Map<String, String> parameters, Instant now, String requestId) {
		String duration = parameters.get("DurationSeconds");
		String serial = parameters.get("SerialNumber");
		String code = parameters.get("TokenCode");
		new ValidationErrors().range("durationSeconds", duration, 900, 129_600)
			.text("serialNumber", serial, 9, 256, "[\\w+=/:,.@-]*")
			.text("tokenCode", code, 6, 6, "[\\d]*")
			.throwIfAny();
		if (caller.sessionCredentials()) {
			throw StsError.accessDenied("Cannot call GetSessionToken with session credentials");
		}
		checkMfa(caller.user(), serial, code, now);
		long seconds = (duration != null) ? Long.parseLong(duration.trim()) : DEFAULT_DURATION_SECONDS;
		if (caller.user().root()) {
			// STS caps root sessions instead of rejecting the request
			seconds = Math.min(seconds, ROOT_MAX_DURATION_SECONDS);
		}
		IssuedSession session = this.sessions.issue(caller.user(), now, Duration.ofSeconds(seconds));
		return StsXml.success("GetSessionToken", requestId, (xml) -> xml.open("Credentials")
			.element("AccessKeyId", session.accessKeyId())
			.element("SecretAccessKey", session.secretAccessKey())
			.element("SessionToken", session.sessionToken())
			.element("Expiration", EXPIRATION.format(session.expiration()))
			.close());
	}

	/**
	 * Without serial and code STS issues credentials even to a user with a device (it is the IAM policy
	 * that may demand MFA). A serial without a code, or a code without a serial, cannot pass: which
	 * message real STS gives for those two is not documented, these are the closest.
	 */
	private void checkMfa(EmulatedUser user, String serial, String code, Instant now) {
		if (serial == null && code == null) {
			return;
		}
		EmulatedMfaDevice device = user.device();
		if (serial == null || device == null || !device.serialNumber().equals(serial)) {
			throw StsError.accessDenied(UNKNOWN_SERIAL);
		}
		if (code == null || !this.codes.accept(device, code, now)) {
			throw StsError.accessDenied(INVALID_CODE);
		}
	}

}
