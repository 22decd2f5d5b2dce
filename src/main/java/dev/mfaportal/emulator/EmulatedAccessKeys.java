package dev.mfaportal.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access keys IAM holds for each user, beyond the one the settings give it: keys
 * created with {@code CreateAccessKey} (valid for signing once the propagation delay has
 * passed, as a new key takes a few seconds at AWS) and configured keys deleted with
 * {@code DeleteAccessKey} (no longer valid at once). At most two keys a user, as IAM.
 */
final class EmulatedAccessKeys {

	static final int MAX_PER_USER = 2;

	private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final String SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	private final SecureRandom random = new SecureRandom();

	private final Instant configuredCreated;

	private final Map<String, Key> created = new LinkedHashMap<>();

	private final Set<String> deletedConfigured = new HashSet<>();

	private volatile Duration propagationDelay = Duration.ZERO;

	/**
	 * @param userKey {@link #userKey} of its owner
	 * @param accessKeyId its id
	 * @param secretAccessKey its secret
	 * @param createDate when it was created, to the second as IAM says it
	 * @param validFrom when STS and IAM first accept it
	 */
	record Key(String userKey, String accessKeyId, String secretAccessKey, Instant createDate, Instant validFrom) {

		@Override
		public String toString() {
			return "Key[" + this.accessKeyId + "]";
		}

	}

	EmulatedAccessKeys(Instant started) {
		this.configuredCreated = started.truncatedTo(ChronoUnit.SECONDS);
	}

	void setPropagationDelay(Duration delay) {
		this.propagationDelay = delay;
	}

	static String userKey(EmulatedUser user) {
		return user.account() + ":" + user.userName();
	}

	/** The user's keys, the configured one first while it exists. */
	synchronized List<Key> of(EmulatedUser user) {
		List<Key> keys = new ArrayList<>();
		if (!this.deletedConfigured.contains(user.accessKeyId())) {
			keys.add(new Key(userKey(user), user.accessKeyId(), user.secretAccessKey(), this.configuredCreated,
					Instant.MIN));
		}
		this.created.values().stream().filter((key) -> key.userKey().equals(userKey(user))).forEach(keys::add);
		return keys;
	}

	synchronized Key create(EmulatedUser user, Instant now) {
		if (of(user).size() >= MAX_PER_USER) {
			throw new StsError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + MAX_PER_USER);
		}
		Key key = new Key(userKey(user), "AKIA" + random(ID_CHARACTERS, 16), random(SECRET_CHARACTERS, 40),
				now.truncatedTo(ChronoUnit.SECONDS), now.plus(this.propagationDelay));
		this.created.put(key.accessKeyId(), key);
		return key;
	}

	synchronized void delete(EmulatedUser user, String accessKeyId) {
		boolean own = of(user).stream().anyMatch((key) -> key.accessKeyId().equals(accessKeyId));
		if (!own) {
			throw new StsError(404, "NoSuchEntity", "The Access Key with id " + accessKeyId + " cannot be found.");
		}
		if (accessKeyId.equals(user.accessKeyId())) {
			this.deletedConfigured.add(accessKeyId);
		}
		else {
			this.created.remove(accessKeyId);
		}
	}

	synchronized boolean deleted(String configuredAccessKeyId) {
		return this.deletedConfigured.contains(configuredAccessKeyId);
	}

	/** A created key with that id, or {@code null}. */
	synchronized Key find(String accessKeyId) {
		return this.created.get(accessKeyId);
	}

	private String random(String characters, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(characters.charAt(this.random.nextInt(characters.length())));
		}
		return text.toString();
	}

}
