package dev.mfaportal.limit;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every MFA attempt's result per person and device: {@code PENDING} from the moment it is
 * admitted until STS answers, then {@code FAILURE} or {@code SUCCESS}; {@code RESET} when
 * a lock is lifted. A pending attempt counts as a failure: one whose answer never gets
 * recorded (the portal stopped, the database failed) keeps counting until it leaves the
 * window, which errs on the side of the limit. Pending attempts also count toward the
 * failures in a row when an attempt is admitted, so codes sent at once can't pass the
 * lock.
 */
@Repository
class AttemptRepository {

	static final String FAILURE = "FAILURE";

	static final String SUCCESS = "SUCCESS";

	static final String RESET = "RESET";

	static final String PENDING = "PENDING";

	private static final String SINCE_SUCCESS_OR_RESET = "a.id > coalesce((select max(b.id) from mfa_attempt b "
			+ "where b.actor = a.actor and b.serial_number = a.serial_number and b.result in ('SUCCESS', 'RESET')), 0)";

	private final JdbcClient jdbc;

	AttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String actor, String serial, Instant at, String result) {
		this.jdbc.sql("insert into mfa_attempt (actor, serial_number, attempted_at, result) values (?, ?, ?, ?)")
			.params(actor, serial, SqlTime.of(at), result)
			.update();
	}

	/**
	 * Makes the device's gate row, which {@link #reserve} locks. Outside any transaction:
	 * of two first attempts at once, one insert wins and the other's duplicate is fine.
	 */
	void openGate(String actor, String serial) {
		// whoever inserted it, the gate is there
		InsertOnce.insert(this.jdbc,
				"insert into mfa_attempt_gate (actor, serial_number) select ?, ? where not exists "
						+ "(select 1 from mfa_attempt_gate where actor = ? and serial_number = ?)",
				actor, serial, actor, serial);
	}

	/** What {@link #reserve} decided. */
	enum Reservation {

		/** A {@code PENDING} row now holds the attempt's place. */
		ADMITTED,
		/** The window holds too many failures and pending attempts. */
		LIMITED,
		/** Locked, or as many failures in a row as lock it (the lock row may follow). */
		LOCKED,
		/**
		 * Failures in a row and pending attempts reach the lock: one more wrong answer
		 * locks the device, so nothing else goes to STS until the pending ones are
		 * answered.
		 */
		AWAITING_ANSWERS

	}

	/**
	 * Counts the attempt from now on, unless the device is locked, the window already
	 * holds {@code max} failures and pending attempts, or the failures in a row and the
	 * pending attempts reach {@code lockAfter}. One transaction that holds the device's
	 * gate row, so of attempts sent at once, on any instance, each sees those admitted
	 * before it and every lock decided before it.
	 * @param locked whether a lock row exists; asked inside this transaction
	 * @return whether the attempt was admitted, or why not
	 */
	@Transactional
	Reservation reserve(String actor, String serial, Instant at, Instant windowStart, int max, int lockAfter,
			BooleanSupplier locked) {
		lockGate(actor, serial);
		if (locked.getAsBoolean() || consecutiveFailures(actor, serial) >= lockAfter) {
			return Reservation.LOCKED;
		}
		if (inARow(actor, serial, windowStart) >= lockAfter) {
			return Reservation.AWAITING_ANSWERS;
		}
		if (failuresSince(actor, serial, windowStart) >= max) {
			return Reservation.LIMITED;
		}
		record(actor, serial, at, PENDING);
		return Reservation.ADMITTED;
	}

	/**
	 * Gives a pending attempt its answer; without one pending (purged, or never reserved)
	 * adds the answer as a row of its own. Pending attempts of one device are alike, so
	 * the oldest takes it.
	 */
	@Transactional
	void settle(String actor, String serial, Instant at, String result) {
		lockGate(actor, serial);
		int settled = this.jdbc
			.sql("update mfa_attempt set result = ?, attempted_at = ? where id = (select min(id) from mfa_attempt "
					+ "where actor = ? and serial_number = ? and result = 'PENDING')")
			.params(result, SqlTime.of(at), actor, serial)
			.update();
		if (settled == 0) {
			record(actor, serial, at, result);
		}
	}

	/** Frees a pending attempt's place: STS never judged its code. */
	@Transactional
	void release(String actor, String serial) {
		lockGate(actor, serial);
		this.jdbc
			.sql("delete from mfa_attempt where id = (select min(id) from mfa_attempt "
					+ "where actor = ? and serial_number = ? and result = 'PENDING')")
			.params(actor, serial)
			.update();
	}

	private void lockGate(String actor, String serial) {
		this.jdbc.sql("select actor from mfa_attempt_gate where actor = ? and serial_number = ? for update")
			.params(actor, serial)
			.query(String.class)
			.optional();
	}

	/** Failures, and attempts still waiting for STS, since the given time. */
	int failuresSince(String actor, String serial, Instant since) {
		return this.jdbc
			.sql("select count(*) from mfa_attempt where actor = ? and serial_number = ? "
					+ "and result in ('FAILURE', 'PENDING') and attempted_at > ?")
			.params(actor, serial, SqlTime.of(since))
			.query(Integer.class)
			.single();
	}

	/** The time of the n-th most recent failure or pending attempt (1 = newest). */
	Optional<Instant> nthLatestFailure(String actor, String serial, int n) {
		return this.jdbc.sql("select attempted_at from mfa_attempt where actor = ? and serial_number = ? "
				+ "and result in ('FAILURE', 'PENDING') order by attempted_at desc, id desc offset ? rows fetch next 1 rows only")
			.params(actor, serial, n - 1)
			.query((row, i) -> SqlTime.read(row, "attempted_at"))
			.optional();
	}

	/** Failures since the last success or reset (pending attempts are neither). */
	int consecutiveFailures(String actor, String serial) {
		return this.jdbc
			.sql("select count(*) from mfa_attempt a where a.actor = ? and a.serial_number = ? "
					+ "and a.result = 'FAILURE' and " + SINCE_SUCCESS_OR_RESET)
			.params(actor, serial)
			.query(Integer.class)
			.single();
	}

	/**
	 * Failures since the last success or reset, with the attempts still waiting for STS
	 * as if each will fail. A pending attempt older than the window (its answer was never
	 * recorded) stops counting here, as it does for the window, so it can't hold the
	 * device shut without a lock its owner could lift.
	 */
	int inARow(String actor, String serial, Instant windowStart) {
		return this.jdbc
			.sql("select count(*) from mfa_attempt a where a.actor = ? and a.serial_number = ? "
					+ "and (a.result = 'FAILURE' or (a.result = 'PENDING' and a.attempted_at > ?)) and "
					+ SINCE_SUCCESS_OR_RESET)
			.params(actor, serial, SqlTime.of(windowStart))
			.query(Integer.class)
			.single();
	}

	int deleteBefore(Instant before) {
		return this.jdbc.sql("delete from mfa_attempt where attempted_at < ?").params(SqlTime.of(before)).update();
	}

}
