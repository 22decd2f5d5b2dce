package dev.mfaportal.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.mfaportal.system.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed sign-ins per account name (whether or not it exists, so the answer can't
 * tell them apart) and per client address, in the database every instance shares.
 * <p>
 * An attempt is reserved before its password is checked: counted as a failure
 * ({@code PENDING}) in one transaction that holds the gates of its name and address, so
 * attempts sent at once, on any instance, each see those admitted before them, and no
 * more than the limit ever reach the password check. Its result then replaces
 * {@code PENDING}; a success is only that, it clears no failure before it. An attempt
 * whose result never comes (the portal stopped) keeps counting until it leaves the
 * window, which errs on the side of the limit.
 */
class LoginThrottle {

	/** Hex digits, colons and a dotted IPv4 tail: what an IPv6 literal is made of. */
	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	/** How many gates the throttle keys share. */
	static final int STRIPES = 1024;

	private final JdbcClient jdbc;

	private final TeamSettings settings;

	private final Clock clock;

	private final TransactionTemplate transaction;

	LoginThrottle(JdbcClient jdbc, TeamSettings settings, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Counts the attempt as a failure from now on, unless the name or the address already
	 * has as many failures in the window as it may.
	 * @return the reserved attempt, to be settled with {@link #succeeded} or
	 * {@link #failed}; empty when the attempt is throttled
	 */
	Optional<Reservation> reserve(String username, String address) {
		String account = accountKey(username);
		String from = addressKey(address);
		TreeSet<Integer> stripes = new TreeSet<>(List.of(stripe(account), stripe(from)));
		stripes.forEach(this::openGate);
		Instant now = this.clock.instant();
		Instant since = now.minus(this.settings.loginWindow());
		return Optional.ofNullable(this.transaction.execute((status) -> {
			// In ascending order on every instance, so two attempts never wait for each
			// other's gate.
			stripes.forEach(this::lockGate);
			if (failures(account, since) >= this.settings.loginMaxFailures()
					|| failures(from, since) >= this.settings.loginMaxFailuresPerAddress()) {
				return null;
			}
			return new Reservation(record(account, now), record(from, now));
		}));
	}

	void succeeded(Reservation attempt) {
		settle(attempt, "SUCCESS");
	}

	void failed(Reservation attempt) {
		settle(attempt, "FAILURE");
		this.jdbc.sql("delete from login_attempt where attempted_at < ?")
			.param(SqlTime.of(this.clock.instant().minus(this.settings.loginWindow())))
			.update();
	}

	private void settle(Reservation attempt, String result) {
		this.jdbc.sql("update login_attempt set result = ? where id in (?, ?)")
			.params(result, attempt.accountRow(), attempt.addressRow())
			.update();
	}

	/** Failures, and attempts whose password is still being checked, since then. */
	private int failures(String key, Instant since) {
		return this.jdbc
			.sql("select count(*) from login_attempt where throttle_key = ? and attempted_at > ? "
					+ "and result in ('FAILURE', 'PENDING')")
			.params(key, SqlTime.of(since))
			.query(Integer.class)
			.single();
	}

	private long record(String key, Instant at) {
		KeyHolder id = new GeneratedKeyHolder();
		this.jdbc.sql("insert into login_attempt (throttle_key, attempted_at, result) values (?, ?, 'PENDING')")
			.params(key, SqlTime.of(at))
			.update(id, "id");
		return id.getKey().longValue();
	}

	/**
	 * Makes the gate row, outside any transaction: of two first attempts at once, one
	 * insert wins and the other's duplicate is fine ({@code where not exists} rather than
	 * a caught duplicate alone, which would abort a PostgreSQL transaction).
	 */
	private void openGate(int stripe) {
		try {
			this.jdbc
				.sql("insert into login_attempt_gate (stripe) select ? where not exists "
						+ "(select 1 from login_attempt_gate where stripe = ?)")
				.params(stripe, stripe)
				.update();
		}
		catch (DuplicateKeyException insertedConcurrently) {
			// whoever inserted it, the gate is there
		}
	}

	private void lockGate(int stripe) {
		this.jdbc.sql("select stripe from login_attempt_gate where stripe = ? for update")
			.param(stripe)
			.query(Integer.class)
			.optional();
	}

	private static int stripe(String key) {
		return Math.floorMod(key.hashCode(), STRIPES);
	}

	private static String accountKey(String username) {
		String name = (username != null) ? username.trim().toLowerCase(Locale.ROOT) : "";
		return "account:" + (name.length() > 150 ? name.substring(0, 150) : name);
	}

	/**
	 * The per-address limit's key: an IPv4 address itself, but an IPv6 address's /64, the
	 * block one client usually holds whole and can take a new address in for every guess.
	 * Only a literal is parsed (no name is looked up); anything else is its own key.
	 */
	static String addressKey(String address) {
		if (address == null) {
			return "address:unknown";
		}
		String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		int scope = literal.indexOf('%');
		literal = (scope >= 0) ? literal.substring(0, scope) : literal;
		if (literal.indexOf(':') >= 0 && IPV6_LITERAL.matcher(literal).matches()) {
			try {
				byte[] bytes = InetAddress.getByName(literal).getAddress();
				if (bytes.length == 16) {
					return "address:" + HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
				}
				// IPv4-mapped: the IPv4 address it is
				return "address:" + InetAddress.getByAddress(bytes).getHostAddress();
			}
			catch (UnknownHostException notAnAddress) {
				// a key of its own, below
			}
		}
		return "address:" + address;
	}

	/** A sign-in attempt admitted to the password check: its two rows. */
	record Reservation(long accountRow, long addressRow) {

	}

}
