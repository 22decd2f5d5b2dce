package dev.mfaportal.emulator;

import java.time.Instant;
import java.util.List;

/**
 * Finds the secret behind a signing key, a configured user's or an issued session's, and
 * verifies the signature with it. Session keys must carry their own token and must not
 * have expired.
 */
final class Authenticator {

	private final SigV4Verifier verifier;

	private final IssuedSessions sessions;

	Authenticator(SigV4Verifier verifier, IssuedSessions sessions) {
		this.verifier = verifier;
		this.sessions = sessions;
	}

	Caller authenticate(WireRequest request, SigV4Authorization authorization, List<EmulatedUser> users, Instant now) {
		String token = request.header("X-Amz-Security-Token");
		for (EmulatedUser user : users) {
			if (user.accessKeyId().equals(authorization.accessKeyId())) {
				if (token != null) {
					// a long-term key has no session token: the caller mixed two sets of
					// credentials
					throw StsError.invalidClientTokenId();
				}
				this.verifier.verify(request, authorization, user.secretAccessKey());
				return new Caller(user, user.accessKeyId(), false, null, false);
			}
		}
		IssuedSession session = this.sessions.find(authorization.accessKeyId());
		if (session == null || !session.hasSessionToken(token)) {
			throw StsError.invalidClientTokenId();
		}
		if (session.expiredAt(now)) {
			throw StsError.expiredToken();
		}
		this.verifier.verify(request, authorization, session.secretAccessKey());
		return new Caller(session.user(), session.accessKeyId(), true, session.assumedRole(),
				session.mfaAuthenticated());
	}

	boolean isSessionKey(String accessKeyId) {
		return this.sessions.find(accessKeyId) != null;
	}

}
