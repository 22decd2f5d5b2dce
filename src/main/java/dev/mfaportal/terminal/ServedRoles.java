package dev.mfaportal.terminal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.security.LocalOwner;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.RoleCredentials;
import dev.mfaportal.sts.RoleRequest;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.StsModel;
import dev.mfaportal.terminal.HeldSession.Held;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Role credentials assumed from the held session, without a code (the session carries the
 * MFA context), reused until five minutes before they expire: one STS call per role per
 * period, however many programs ask at once. Memory only, in the held session's own
 * {@link RoleCache}, which dies with it.
 */
class ServedRoles {

	/**
	 * Programs asking later than this get fresh credentials rather than nearly spent
	 * ones.
	 */
	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

	/** What the AWS CLI asks for a role profile without {@code duration_seconds}. */
	static final int DEFAULT_DURATION_SECONDS = StsModel.ROLE_DURATION_DEFAULT;

	private final StsGateway sts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ServedRoles(StsGateway sts, ApplicationEventPublisher events, Clock clock) {
		this.sts = sts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param profile the role profile
	 * @param held the session that signs, whose cache keeps the role
	 * @param clientAddress the program's address, for the history
	 * @return the role's credentials, fresh or reused
	 * @throws ServeRefused when STS refuses them
	 * @throws SessionEnded when the session was stopped or replaced before STS answered:
	 * its role is neither handed out nor kept
	 */
	RoleCredentials credentials(RoleProfile profile, Held held, String clientAddress) {
		RoleCache cache = held.roles();
		RoleCredentials reusable = cache.reusable(profile, freshUntil());
		if (reusable != null) {
			return reusable;
		}
		ReentrantLock lock = cache.lock(profile.name());
		lock.lock();
		try {
			// whoever waited for the lock finds what the first caller just assumed
			reusable = cache.reusable(profile, freshUntil());
			if (reusable != null) {
				return reusable;
			}
			if (cache.closed()) {
				throw new SessionEnded();
			}
			return assume(profile, held, clientAddress);
		}
		finally {
			lock.unlock();
		}
	}

	private java.time.Instant freshUntil() {
		return this.clock.instant().plus(RENEW_BEFORE_EXPIRY);
	}

	private RoleCredentials assume(RoleProfile profile, Held held, String clientAddress) {
		int duration = (profile.durationSeconds() != null) ? profile.durationSeconds() : DEFAULT_DURATION_SECONDS;
		try {
			RoleCredentials role = this.sts.assumeRole(held.signer(), new RoleRequest(profile.roleArn(),
					sessionName(profile), profile.externalId(), null, null, duration));
			if (!held.roles().keep(profile, role)) {
				// Stop or a renewal returned while STS answered: dropped here, the only
				// reference to it
				throw new SessionEnded();
			}
			this.events.publishEvent(served(profile, held, duration, role.credentials().expiration(), null,
					clientAddress,
					new Ids(role.credentials().requestId(), role.credentials().accessKeyId(), role.assumedRoleId())));
			if (held.roles().closed()) {
				// Stop or a renewal returned while the served row was written: the close
				// emptied the cache, and the role goes no further
				throw new SessionEnded();
			}
			return role;
		}
		catch (StsCallException ex) {
			String code = (ex.errorCode() != null) ? ex.errorCode() : ex.failure().name();
			this.events.publishEvent(
					served(profile, held, duration, null, code, clientAddress, new Ids(ex.requestId(), null, null)));
			throw new ServeRefused(org.springframework.http.HttpStatus.BAD_GATEWAY, code, "terminal.error.sts",
					profile.name(), code);
		}
	}

	private RoleServed served(RoleProfile profile, Held held, int duration, java.time.Instant expiresAt,
			String errorCode, String clientAddress, Ids ids) {
		return new RoleServed(this.clock.instant(), LocalOwner.name(), profile.name(), profile.roleArn(),
				held.source().name(), AccessKeys.mask(held.credentials().accessKeyId()), held.serialNumber(), duration,
				expiresAt, errorCode, clientAddress, ids.requestId(), ids.accessKeyId(), ids.assumedRoleId());
	}

	/** The public identifiers CloudTrail records for one AssumeRole call. */
	private record Ids(String requestId, String accessKeyId, String assumedRoleId) {

	}

	/**
	 * The profile's {@code role_session_name}, else the person's login name (what
	 * CloudTrail then shows), else a fixed one.
	 */
	private static String sessionName(RoleProfile profile) {
		if (profile.roleSessionName() != null) {
			return profile.roleSessionName();
		}
		String user = LocalOwner.name();
		return StsModel.ROLE_SESSION_NAME.matcher(user).matches() ? user : "mfa-portal";
	}

	/** The held session ended (Stop, a renewal, expiry) while its role was asked for. */
	static final class SessionEnded extends RuntimeException {

		SessionEnded() {
			super("The held session ended", null, false, false);
		}

	}

}
