package dev.mfaportal.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials issued so far, in memory, so that later requests can be
 * signed with them.
 */
final class IssuedSessions {

	/**
	 * Expired sessions are kept this long to answer {@code ExpiredToken} rather than
	 * {@code InvalidClientTokenId}, then dropped so a long benchmark does not grow
	 * without bound.
	 */
	private static final Duration KEEP_EXPIRED = Duration.ofDays(2);

	private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	private final SecureRandom random = new SecureRandom();

	private final Map<String, IssuedSession> byAccessKeyId = new ConcurrentHashMap<>();

	/**
	 * GetSessionToken's credentials, acting as the user; {@code mfaAuthenticated} when
	 * issued with a code.
	 */
	IssuedSession issue(EmulatedUser user, Instant now, Duration duration, boolean mfaAuthenticated) {
		return issue(user, null, now, duration, mfaAuthenticated, SessionContext.NONE);
	}

	/**
	 * AssumeRole's credentials when {@code assumedRole} is given; {@code user} is who
	 * asked for them.
	 */
	IssuedSession issue(EmulatedUser user, AssumedRoleUser assumedRole, Instant now, Duration duration,
			boolean mfaAuthenticated, SessionContext context) {
		this.byAccessKeyId.values().removeIf((session) -> session.expiredAt(now.minus(KEEP_EXPIRED)));
		// STS reports the expiry to the millisecond
		Instant expiration = now.truncatedTo(ChronoUnit.MILLIS).plus(duration);
		IssuedSession session;
		do {
			session = new IssuedSession("ASIA" + randomText(UPPER_ALPHANUMERIC, 16), randomText(BASE64_ALPHABET, 40),
					sessionToken(), expiration, user, assumedRole, mfaAuthenticated, context);
		}
		while (this.byAccessKeyId.putIfAbsent(session.accessKeyId(), session) != null);
		return session;
	}

	IssuedSession find(String accessKeyId) {
		return this.byAccessKeyId.get(accessKeyId);
	}

	/**
	 * Long like a real token (hundreds of characters) and with {@code + / =}, which
	 * snippets must quote.
	 */
	private String sessionToken() {
		byte[] bytes = new byte[266];
		this.random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private String randomText(String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
