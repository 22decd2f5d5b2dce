package dev.mfaportal.terminal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * period, however many programs ask at once. Memory only, forgotten with the held
 * session.
 */
class ServedRoles {

	/**
	 * Programs asking later than this get fresh credentials rather than nearly spent
	 * ones.
	 */
	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

	/** What the AWS CLI asks for a role profile without {@code duration_seconds}. */
	static final int DEFAULT_DURATION_SECONDS = StsModel.ROLE_DURATION_DEFAULT;

	private final Map<String, Assumed> assumed = new ConcurrentHashMap<>();

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

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
	 * @param held the session that signs
	 * @param clientAddress the program's address, for the history
	 * @return the role's credentials, fresh or reused
	 * @throws ServeRefused when STS refuses them
	 */
	RoleCredentials credentials(RoleProfile profile, Held held, String clientAddress) {
		Assumed reusable = reusable(profile, held);
		if (reusable != null) {
			return reusable.credentials();
		}
		ReentrantLock lock = this.locks.computeIfAbsent(profile.name(), (name) -> new ReentrantLock());
		lock.lock();
		try {
			// whoever waited for the lock finds what the first caller just assumed
			reusable = reusable(profile, held);
			if (reusable != null) {
				return reusable.credentials();
			}
			RoleCredentials fresh = assume(profile, held, clientAddress);
			this.assumed.put(profile.name(), new Assumed(held, profile, fresh));
			return fresh;
		}
		finally {
			lock.unlock();
		}
	}

	/** Forgets every role: the held session changed or stopped. */
	void forget() {
		this.assumed.clear();
	}

	private Assumed reusable(RoleProfile profile, Held held) {
		Assumed last = this.assumed.get(profile.name());
		if (last == null || last.held() != held || !last.profile().equals(profile)) {
			return null;
		}
		boolean fresh = this.clock.instant()
			.isBefore(last.credentials().credentials().expiration().minus(RENEW_BEFORE_EXPIRY));
		return fresh ? last : null;
	}

	private RoleCredentials assume(RoleProfile profile, Held held, String clientAddress) {
		int duration = (profile.durationSeconds() != null) ? profile.durationSeconds() : DEFAULT_DURATION_SECONDS;
		try {
			RoleCredentials role = this.sts.assumeRole(held.signer(), new RoleRequest(profile.roleArn(),
					sessionName(profile), profile.externalId(), null, null, duration));
			this.events
				.publishEvent(served(profile, held, duration, role.credentials().expiration(), null, clientAddress));
			return role;
		}
		catch (StsCallException ex) {
			String code = (ex.errorCode() != null) ? ex.errorCode() : ex.failure().name();
			this.events.publishEvent(served(profile, held, duration, null, code, clientAddress));
			throw new ServeRefused(org.springframework.http.HttpStatus.BAD_GATEWAY, code, "terminal.error.sts",
					profile.name(), code);
		}
	}

	private RoleServed served(RoleProfile profile, Held held, int duration, java.time.Instant expiresAt,
			String errorCode, String clientAddress) {
		return new RoleServed(this.clock.instant(), LocalOwner.name(), profile.name(), profile.roleArn(),
				held.source().name(), AccessKeys.mask(held.credentials().accessKeyId()), held.serialNumber(), duration,
				expiresAt, errorCode, clientAddress);
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

	private record Assumed(Held held, RoleProfile profile, RoleCredentials credentials) {

	}

}
