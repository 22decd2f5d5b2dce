package dev.mfaportal.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.mfaportal.events.Outbox;
import dev.mfaportal.system.SqlTime;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code audit_event} table. Strings are cut to their column's size before they are
 * stored: most come from what a person typed, and an audit row must never make the
 * attempt it records fail.
 */
@Repository
class AuditRepository {

	// Column sizes in V2__audit_event.sql.
	static final int ACTOR_SIZE = 128;

	static final int SOURCE_SIZE = 300;

	static final int ACCESS_KEY_SIZE = 32;

	static final int SERIAL_NUMBER_SIZE = 256;

	static final int DEVICE_LABEL_SIZE = 64;

	static final int ERROR_CODE_SIZE = 128;

	static final int CLIENT_ADDRESS_SIZE = 64;

	// V15__audit_event_target.sql
	static final int TARGET_SIZE = 128;

	// Column sizes in V26__audit_cloudtrail_ids.sql.
	static final int ROLE_ARN_SIZE = 2048;

	static final int AWS_ID_SIZE = 128;

	static final int ASSUMED_ROLE_ID_SIZE = 256;

	private static final String COLUMNS = "id, occurred_at, actor, source, access_key_masked, serial_number, "
			+ "device_label, duration_seconds, outcome, error_code, expires_at, client_address, target, role_arn, "
			+ "sts_request_id, issued_access_key_id, assumed_role_id";

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final MessageSource messages;

	AuditRepository(JdbcClient jdbc, Outbox outbox, MessageSource messages) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.messages = messages;
	}

	/**
	 * Stores the row and its event for the outbox in one transaction (the caller's, when
	 * it has one): the event leaves the portal exactly when the row exists.
	 */
	@Transactional
	void insert(AuditEntry entry) {
		this.jdbc
			.sql("insert into audit_event (occurred_at, actor, source, access_key_masked, serial_number, device_label, "
					+ "duration_seconds, outcome, error_code, expires_at, client_address, target, role_arn, "
					+ "sts_request_id, issued_access_key_id, assumed_role_id) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(SqlTime.of(entry.occurredAt()), fit(entry.actor(), ACTOR_SIZE), fit(entry.source(), SOURCE_SIZE),
					fit(entry.accessKeyMasked(), ACCESS_KEY_SIZE), fit(entry.serialNumber(), SERIAL_NUMBER_SIZE),
					fit(entry.deviceLabel(), DEVICE_LABEL_SIZE), entry.durationSeconds(), entry.outcome().name(),
					fit(entry.errorCode(), ERROR_CODE_SIZE), SqlTime.of(entry.expiresAt()),
					fit(entry.clientAddress(), CLIENT_ADDRESS_SIZE), fit(entry.target(), TARGET_SIZE),
					fit(entry.ids().roleArn(), ROLE_ARN_SIZE), fit(entry.ids().stsRequestId(), AWS_ID_SIZE),
					fit(entry.ids().issuedAccessKeyId(), AWS_ID_SIZE),
					fit(entry.ids().assumedRoleId(), ASSUMED_ROLE_ID_SIZE))
			.update();
		this.outbox.add(AuditEvents.of(entry, this.messages));
	}

	/** One page of matching rows, the newest first. */
	List<AuditEntry> search(AuditFilter filter, int offset, int limit) {
		Where where = Where.of(filter);
		List<Object> params = new ArrayList<>(where.params());
		params.add(offset);
		params.add(limit);
		return this.jdbc
			.sql("select " + COLUMNS + " from audit_event" + where.sql()
					+ " order by occurred_at desc, id desc offset ? rows fetch next ? rows only")
			.params(params)
			.query(AuditRepository::entry)
			.list();
	}

	/** Every matching row, the newest first. */
	List<AuditEntry> searchAll(AuditFilter filter) {
		Where where = Where.of(filter);
		return this.jdbc
			.sql("select " + COLUMNS + " from audit_event" + where.sql() + " order by occurred_at desc, id desc")
			.params(where.params())
			.query(AuditRepository::entry)
			.list();
	}

	long count(AuditFilter filter) {
		Where where = Where.of(filter);
		return this.jdbc.sql("select count(*) from audit_event" + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/** The devices in the actor's history, in order. */
	/** The actor's distinct serial numbers, or everyone's when {@code actor} is null. */
	List<String> serialNumbers(String actor) {
		if (actor == null) {
			return this.jdbc.sql(
					"select distinct serial_number from audit_event where serial_number is not null order by serial_number")
				.query(String.class)
				.list();
		}
		return this.jdbc
			.sql("select distinct serial_number from audit_event where actor = ? and serial_number is not null "
					+ "order by serial_number")
			.param(fit(actor, ACTOR_SIZE))
			.query(String.class)
			.list();
	}

	int deleteBefore(Instant before) {
		return this.jdbc.sql("delete from audit_event where occurred_at < ?").param(SqlTime.of(before)).update();
	}

	/**
	 * Cuts a value to {@code size} UTF-16 units (never half a surrogate pair), which H2
	 * and PostgreSQL both accept for {@code varchar(size)}, and replaces NUL, which
	 * PostgreSQL refuses in any text. Filters go through it too, so they match what was
	 * stored.
	 */
	static String fit(String value, int size) {
		if (value == null) {
			return null;
		}
		String text = value.replace('\u0000', '\uFFFD');
		if (text.length() <= size) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(size - 1)) ? size - 1 : size;
		return text.substring(0, end);
	}

	private static AuditEntry entry(ResultSet row, int rowNumber) throws SQLException {
		return new AuditEntry(row.getLong("id"), SqlTime.read(row, "occurred_at"), row.getString("actor"),
				row.getString("source"), row.getString("access_key_masked"), row.getString("serial_number"),
				row.getString("device_label"), row.getObject("duration_seconds", Integer.class),
				Outcome.valueOf(row.getString("outcome")), row.getString("error_code"), SqlTime.read(row, "expires_at"),
				row.getString("client_address"), row.getString("target"),
				new CloudTrailIds(row.getString("role_arn"), row.getString("sts_request_id"),
						row.getString("issued_access_key_id"), row.getString("assumed_role_id")));
	}

	private record Where(String sql, List<Object> params) {

		static Where of(AuditFilter filter) {
			List<String> conditions = new ArrayList<>();
			List<Object> params = new ArrayList<>();
			if (filter.actor() != null) {
				// A member's history holds what was done to their account too.
				conditions.add("(actor = ? or target = ?)");
				params.add(fit(filter.actor(), ACTOR_SIZE));
				params.add(fit(filter.actor(), TARGET_SIZE));
			}
			if (filter.serialNumber() != null) {
				conditions.add("serial_number = ?");
				params.add(fit(filter.serialNumber(), SERIAL_NUMBER_SIZE));
			}
			if (filter.outcome() != null) {
				conditions.add("outcome = ?");
				params.add(filter.outcome().name());
			}
			if (filter.from() != null) {
				conditions.add("occurred_at >= ?");
				params.add(SqlTime.of(filter.from()));
			}
			if (filter.until() != null) {
				conditions.add("occurred_at < ?");
				params.add(SqlTime.of(filter.until()));
			}
			if (filter.awsId() != null) {
				// One box for both ids: a key id and a request id never look alike.
				conditions.add("(issued_access_key_id = ? or sts_request_id = ?)");
				params.add(fit(filter.awsId(), AWS_ID_SIZE));
				params.add(fit(filter.awsId(), AWS_ID_SIZE));
			}
			return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
		}

	}

}
