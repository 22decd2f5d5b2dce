package dev.mfaportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The keys of launch links, as Jupyter prints them: only someone who can read the
 * terminal that started the portal (or, for a link asked for again, the owner's own
 * {@code ~/.mfa-portal}) gets one. Unlike Jupyter's, each key admits one browser, once,
 * within {@link AccessSettings#launchLinkLifetime()}: a link that leaked (a shared
 * screen, a browser's history, another account that saw it on a command line) is
 * worthless once the owner used it or a few minutes have passed.
 */
@Component
public class LaunchToken {

	/** What a key did when it was offered. */
	enum Use {

		/** A key this run made, unused and in time: it is spent now. */
		ADMITTED,
		/** Spent already: another browser, or this one earlier. */
		USED,
		/** Never made by this run, or past its lifetime. */
		UNKNOWN

	}

	/**
	 * Open keys held at once. Only the owner can ask for more (the terminal, the
	 * {@code portal-run} secret), so the cap only bounds memory; when it is reached the
	 * oldest open key is dropped and the log says so, so the newest link always works.
	 */
	static final int MOST_OPEN = 64;

	private static final Logger logger = LoggerFactory.getLogger(LaunchToken.class);

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Duration lifetime;

	/** SHA-256 of each key (a lookup by the key itself would time the comparison). */
	private final Map<String, Instant> open = new ConcurrentHashMap<>();

	/** Spent keys until they would have expired, to say "used" rather than "unknown". */
	private final Map<String, Instant> spent = new ConcurrentHashMap<>();

	LaunchToken(Clock clock, AccessSettings access) {
		this.clock = clock;
		this.lifetime = access.launchLinkLifetime();
	}

	/**
	 * A new key for one launch link, valid once within the lifetime.
	 * @return the key, for the link's {@code token} parameter
	 */
	public synchronized String issue() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		forgetExpired(now);
		if (this.open.size() >= MOST_OPEN) {
			this.open.entrySet()
				.stream()
				.min(Map.Entry.comparingByValue())
				.ifPresent((oldest) -> this.open.remove(oldest.getKey()));
			logger.warn("{} launch links were open and unused at once: the oldest no longer opens the portal, "
					+ "the new one does (each works once, within {})", MOST_OPEN, this.lifetime);
		}
		this.open.put(digest(value), now.plus(this.lifetime));
		return value;
	}

	/**
	 * Spends the key if it is open: a second offer of the same key is {@link Use#USED}.
	 */
	Use spend(String candidate) {
		if (candidate == null) {
			return Use.UNKNOWN;
		}
		String digest = digest(candidate);
		Instant now = this.clock.instant();
		Instant expiry = this.open.remove(digest);
		if (expiry != null && now.isBefore(expiry)) {
			this.spent.put(digest, expiry);
			return Use.ADMITTED;
		}
		Instant spentUntil = this.spent.get(digest);
		return (spentUntil != null && now.isBefore(spentUntil)) ? Use.USED : Use.UNKNOWN;
	}

	private void forgetExpired(Instant now) {
		this.open.values().removeIf((expiry) -> !now.isBefore(expiry));
		this.spent.values().removeIf((expiry) -> !now.isBefore(expiry));
	}

	private static String digest(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is in every JDK", ex);
		}
	}

	@Override
	public String toString() {
		return "LaunchToken[******]";
	}

}
