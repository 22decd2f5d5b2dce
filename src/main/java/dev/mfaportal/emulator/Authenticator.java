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

	private final EmulatedAccessKeys accessKeys;

	Authenticator(SigV4Verifier verifier, IssuedSessions sessions, EmulatedAccessKeys accessKeys) {
		this.verifier = verifier;
		this.sessions = sessions;
		this.accessKeys = accessKeys;
	}

	Caller authenticate(WireRequest request, SigV4Authorization authorization, List<EmulatedUser> users, Instant now) {
		String token = request.header("X-Amz-Security-Token");
		for (EmulatedUser user : users) {
			if (user.accessKeyId().equals(authorization.accessKeyId())) {
				if (token != null || this.accessKeys.deleted(user.accessKeyId())) {
					// a long-term key has no session token: the caller mixed two sets of
					// credentials
					throw StsError.invalidClientTokenId();
				}
				this.verifier.verify(request, authorization, user.secretAccessKey());
				return new Caller(user, user.accessKeyId(), false, null, false);
			}
		}
		EmulatedAccessKeys.Key created = this.accessKeys.find(authorization.accessKeyId());
		if (created != null) {
			return createdKey(request, authorization, users, now, token, created);
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

	/** A key CreateAccessKey made: its user's, once it has propagated. */
	private Caller createdKey(WireRequest request, SigV4Authorization authorization, List<EmulatedUser> users,
			Instant now, String token, EmulatedAccessKeys.Key key) {
		EmulatedUser user = users.stream()
			.filter((u) -> EmulatedAccessKeys.userKey(u).equals(key.userKey()))
			.findFirst()
			.orElseThrow(StsError::invalidClientTokenId);
		if (token != null || now.isBefore(key.validFrom())) {
			throw StsError.invalidClientTokenId();
		}
		this.verifier.verify(request, authorization, key.secretAccessKey());
		return new Caller(user, key.accessKeyId(), false, null, false);
	}

	boolean isSessionKey(String accessKeyId) {
		return this.sessions.find(accessKeyId) != null;
	}

}
