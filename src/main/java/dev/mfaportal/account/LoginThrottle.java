package dev.mfaportal.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts failed sign-ins per account name (whether or not it exists, so the answer can't
 * tell them apart) and per client address, in the database every instance shares.
 */
class LoginThrottle {

	private final JdbcClient jdbc;

	private final TeamSettings settings;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, TeamSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	boolean throttled(String username, String address) {
		Instant since = this.clock.instant().minus(this.settings.loginWindow());
		return failures(accountKey(username), since) >= this.settings.loginMaxFailures()
				|| failures(addressKey(address), since) >= this.settings.loginMaxFailuresPerAddress();
	}

	void failed(String username, String address) {
		Instant now = this.clock.instant();
		record(accountKey(username), now);
		record(addressKey(address), now);
		this.jdbc.sql("delete from login_attempt where attempted_at < ?")
			.param(SqlTime.of(now.minus(this.settings.loginWindow())))
			.update();
	}

	void succeeded(String username) {
		this.jdbc.sql("delete from login_attempt where throttle_key = ?").param(accountKey(username)).update();
	}

	private int failures(String key, Instant since) {
		return this.jdbc.sql("select count(*) from login_attempt where throttle_key = ? and attempted_at > ?")
			.params(key, SqlTime.of(since))
			.query(Integer.class)
			.single();
	}

	private void record(String key, Instant at) {
		this.jdbc.sql("insert into login_attempt (throttle_key, attempted_at) values (?, ?)")
			.params(key, SqlTime.of(at))
			.update();
	}

	private static String accountKey(String username) {
		String name = (username != null) ? username.trim().toLowerCase(Locale.ROOT) : "";
		return "account:" + (name.length() > 150 ? name.substring(0, 150) : name);
	}

	private static String addressKey(String address) {
		return "address:" + ((address != null) ? address : "unknown");
	}

}
