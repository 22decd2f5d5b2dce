package dev.mfaportal.events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sender's and the admin page's side of {@code event_outbox}.
 * <p>
 * A claim is one conditional {@code UPDATE} per row (taken only while nobody holds an
 * unexpired lease on it), the same SQL on H2 and PostgreSQL, so two instances never both
 * hold one event; on PostgreSQL the candidates are read {@code FOR UPDATE SKIP LOCKED},
 * so a second sender skips the rows the first is claiming instead of waiting for them.
 * Only the oldest pending event of each order key is a candidate: events go out in order
 * per key (the actor, or a stream of the actor's own such as its sign-ins).
 * <p>
 * A sender marks an event sent or failed only while it still holds the lease it claimed
 * it with: once that lease has passed, another sender may have claimed the event, and its
 * state is the one that stands. The late sender's post is then a duplicate, which the
 * receiver drops by the event's id.
 */
@Repository
class OutboxRows {

	static final int LAST_ERROR_SIZE = 500;

	private static final String COLUMNS = "seq, event_id, type, actor, occurred_at, payload, summary, status, "
			+ "attempts, next_attempt_at, last_status, last_error, sent_at";

	/** The lease is still the marking sender's. */
	private static final String HELD = " and claimed_by = ? and claimed_until > ?";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	/**
	 * Whether the engine is PostgreSQL, asked on the first claim rather than at start.
	 */
	private volatile Boolean skipLocked;

	OutboxRows(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * Claims up to {@code max} due events for {@code instance} until {@code lease} has
	 * passed.
	 */
	@Transactional
	List<OutboxRow> claim(String instance, Instant now, Duration lease, int max) {
		List<Long> candidates = this.jdbc
			.sql("select o.seq from event_outbox o where o.status = 'PENDING' and o.next_attempt_at <= ? "
					+ "and (o.claimed_until is null or o.claimed_until < ?) "
					+ "and not exists (select 1 from event_outbox p where p.order_key = o.order_key and p.status = 'PENDING' "
					+ "and p.seq < o.seq) order by o.seq fetch first " + max + " rows only"
					+ (skipLocked() ? " for update skip locked" : ""))
			.params(SqlTime.of(now), SqlTime.of(now))
			.query(Long.class)
			.list();
		List<OutboxRow> claimed = new ArrayList<>();
		for (long seq : candidates) {
			int taken = this.jdbc
				.sql("update event_outbox set claimed_by = ?, claimed_until = ? where seq = ? and status = 'PENDING' "
						+ "and (claimed_until is null or claimed_until < ?)")
				.params(instance, SqlTime.of(now.plus(lease)), seq, SqlTime.of(now))
				.update();
			if (taken == 1) {
				claimed.add(row(seq));
			}
		}
		return claimed;
	}

	/**
	 * The receiver took it.
	 * @return whether {@code owner} still held the lease and so marked it
	 */
	boolean sent(long seq, String owner, int status, Instant now) {
		return this.jdbc
			.sql("update event_outbox set status = 'SENT', attempts = attempts + 1, last_status = ?, "
					+ "last_error = null, sent_at = ?, claimed_by = null, claimed_until = null where seq = ?" + HELD)
			.params(status, SqlTime.of(now), seq, owner, SqlTime.of(now))
			.update() == 1;
	}

	/**
	 * A failed post: tried again at {@code retryAt}, or marked {@code FAILED} once past
	 * its give-up time.
	 * @return whether {@code owner} still held the lease and so marked it
	 */
	boolean failed(long seq, String owner, Integer status, String error, Instant now, Instant retryAt) {
		return this.jdbc
			.sql("update event_outbox set attempts = attempts + 1, last_status = ?, last_error = ?, "
					+ "next_attempt_at = ?, claimed_by = null, claimed_until = null, "
					+ "status = case when give_up_at <= ? then 'FAILED' else 'PENDING' end where seq = ?" + HELD)
			.params(status, cut(error), SqlTime.of(retryAt), SqlTime.of(now), seq, owner, SqlTime.of(now))
			.update() == 1;
	}

	/** Sends a failed or pending event again now, for another {@code maxAge}. */
	boolean resend(String eventId, Instant now, Duration maxAge) {
		return this.jdbc
			.sql("update event_outbox set status = 'PENDING', next_attempt_at = ?, give_up_at = ?, "
					+ "claimed_until = null where event_id = ? and status <> 'SENT'")
			.params(SqlTime.of(now), SqlTime.of(now.plus(maxAge)), eventId)
			.update() == 1;
	}

	/** The newest rows first, {@code status} {@code null} for all. */
	List<OutboxRow> recent(String status, int max) {
		return this.jdbc
			.sql("select " + COLUMNS + " from event_outbox" + ((status != null) ? " where status = ?" : "")
					+ " order by seq desc fetch first " + max + " rows only")
			.params((status != null) ? List.of(status) : List.of())
			.query(OutboxRows::read)
			.list();
	}

	long count(String status) {
		return this.jdbc.sql("select count(*) from event_outbox where status = ?")
			.param(status)
			.query(Long.class)
			.single();
	}

	/** When the oldest event still to be delivered happened, if any. */
	Instant oldestPending() {
		// min() of no row is one row holding null, which single() would refuse
		List<Instant> oldest = this.jdbc
			.sql("select min(occurred_at) as oldest from event_outbox where status = 'PENDING'")
			.query((row, i) -> SqlTime.read(row, "oldest"))
			.list();
		return oldest.isEmpty() ? null : oldest.get(0);
	}

	int deleteSentBefore(Instant before) {
		return this.jdbc.sql("delete from event_outbox where status = 'SENT' and sent_at < ?")
			.param(SqlTime.of(before))
			.update();
	}

	private OutboxRow row(long seq) {
		return this.jdbc.sql("select " + COLUMNS + " from event_outbox where seq = ?")
			.param(seq)
			.query(OutboxRows::read)
			.single();
	}

	private static OutboxRow read(ResultSet row, int number) throws SQLException {
		return new OutboxRow(row.getLong("seq"), row.getString("event_id"), row.getString("type"),
				row.getString("actor"), SqlTime.read(row, "occurred_at"), row.getString("payload"),
				row.getString("summary"), row.getString("status"), row.getInt("attempts"),
				SqlTime.read(row, "next_attempt_at"), row.getObject("last_status", Integer.class),
				row.getString("last_error"), SqlTime.read(row, "sent_at"));
	}

	private static String cut(String error) {
		return (error == null || error.length() <= LAST_ERROR_SIZE) ? error : error.substring(0, LAST_ERROR_SIZE);
	}

	private boolean skipLocked() {
		if (this.skipLocked == null) {
			try (Connection connection = this.dataSource.getConnection()) {
				this.skipLocked = connection.getMetaData()
					.getDatabaseProductName()
					.toLowerCase(Locale.ROOT)
					.contains("postgres");
			}
			catch (SQLException ex) {
				throw new CannotGetJdbcConnectionException("The outbox can't ask which database it is on", ex);
			}
		}
		return this.skipLocked;
	}

}
