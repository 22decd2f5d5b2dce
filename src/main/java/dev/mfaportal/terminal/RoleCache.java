package dev.mfaportal.terminal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.sts.RoleCredentials;

/**
 * The roles assumed from one held session, owned by it and closed with it (Stop, a
 * renewal, expiry): once closed it hands out nothing and keeps nothing, so a role that
 * STS answers after the session ended can't be served or stay in memory.
 */
final class RoleCache {

	private final Map<String, Assumed> assumed = new HashMap<>();

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	private boolean closed;

	/** One per role profile: programs asking at once wait for the first one's answer. */
	ReentrantLock lock(String profile) {
		return this.locks.computeIfAbsent(profile, (name) -> new ReentrantLock());
	}

	/**
	 * @return the role assumed for this profile unless it expires before
	 * {@code freshUntil}; {@code null} when there is none or the session ended
	 */
	synchronized RoleCredentials reusable(RoleProfile profile, Instant freshUntil) {
		Assumed last = this.assumed.get(profile.name());
		if (this.closed || last == null || !last.profile().equals(profile)
				|| !freshUntil.isBefore(last.credentials().credentials().expiration())) {
			return null;
		}
		return last.credentials();
	}

	/**
	 * Keeps a role STS just gave, unless the session ended meanwhile.
	 * @return whether it was kept, and so may be handed out
	 */
	synchronized boolean keep(RoleProfile profile, RoleCredentials credentials) {
		if (this.closed) {
			return false;
		}
		this.assumed.put(profile.name(), new Assumed(profile, credentials));
		return true;
	}

	synchronized boolean closed() {
		return this.closed;
	}

	/** The session ended: every role is forgotten and none is taken any more. */
	synchronized void close() {
		this.closed = true;
		this.assumed.clear();
	}

	synchronized int size() {
		return this.assumed.size();
	}

	@Override
	public String toString() {
		return "RoleCache[" + size() + " roles]";
	}

	private record Assumed(RoleProfile profile, RoleCredentials credentials) {

	}

}
