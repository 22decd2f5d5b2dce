package dev.mfaportal.limit;

import java.time.Instant;
import java.util.Optional;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every MFA attempt's result per person and device: {@code FAILURE}, {@code SUCCESS}, or
 * {@code RESET} when a lock is lifted.
 */
@Repository
class AttemptRepository {

	static final String FAILURE = "FAILURE";

	static final String SUCCESS = "SUCCESS";

	static final String RESET = "RESET";

	private final JdbcClient jdbc;

	AttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String actor, String serial, Instant at, String result) {
		this.jdbc.sql("insert into mfa_attempt (actor, serial_number, attempted_at, result) values (?, ?, ?, ?)")
			.params(actor, serial, SqlTime.of(at), result)
			.update();
	}

	int failuresSince(String actor, String serial, Instant since) {
		return this.jdbc
			.sql("select count(*) from mfa_attempt where actor = ? and serial_number = ? and result = 'FAILURE' "
					+ "and attempted_at > ?")
			.params(actor, serial, SqlTime.of(since))
			.query(Integer.class)
			.single();
	}

	/** The time of the n-th most recent failure (1 = newest). */
	Optional<Instant> nthLatestFailure(String actor, String serial, int n) {
		return this.jdbc
			.sql("select attempted_at from mfa_attempt where actor = ? and serial_number = ? and result = 'FAILURE' "
					+ "order by attempted_at desc, id desc offset ? rows fetch next 1 rows only")
			.params(actor, serial, n - 1)
			.query((row, i) -> SqlTime.read(row, "attempted_at"))
			.optional();
	}

	/** Failures since the last success or reset. */
	int consecutiveFailures(String actor, String serial) {
		return this.jdbc.sql(
				"select count(*) from mfa_attempt a where a.actor = ? and a.serial_number = ? and a.result = 'FAILURE' "
						+ "and a.id > coalesce((select max(b.id) from mfa_attempt b where b.actor = a.actor "
						+ "and b.serial_number = a.serial_number and b.result <> 'FAILURE'), 0)")
			.params(actor, serial)
			.query(Integer.class)
			.single();
	}

	int deleteBefore(Instant before) {
		return this.jdbc.sql("delete from mfa_attempt where attempted_at < ?").params(SqlTime.of(before)).update();
	}

}
