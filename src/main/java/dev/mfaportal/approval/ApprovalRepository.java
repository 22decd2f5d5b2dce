package dev.mfaportal.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code approval_request} table. Every change of status is one update that names the
 * status it leaves, so of two instances acting on one row at once only one sees its
 * update count be 1, and only that one records the step.
 */
@Repository
class ApprovalRepository {

	static final int ACTOR_SIZE = 128;

	static final int ROLE_ARN_SIZE = 2048;

	static final int TEXT_SIZE = 500;

	static final int RULE_SIZE = 200;

	/** Group names (64 at most) and a space between each, of at most 200 groups. */
	static final int GROUPS_SIZE = 13_000;

	private static final String COLUMNS = "id, requester, role_arn, duration_seconds, reason, rule_name, status, "
			+ "requested_at, request_expires_at, answered_by, answered_at, note, valid_until, requester_groups";

	private final JdbcClient jdbc;

	ApprovalRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param requesterGroups the requester's single sign-on groups that the rules name:
	 * names without spaces, as the policy takes them
	 */
	long insert(String requester, List<String> requesterGroups, String roleArn, int durationSeconds, String reason,
			String rule, Instant at, Instant expiresAt) {
		String groups = String.join(" ", requesterGroups);
		if (groups.length() > GROUPS_SIZE
				|| requesterGroups.stream().anyMatch((name) -> name.isEmpty() || name.contains(" "))) {
			throw new IllegalArgumentException("group names without spaces, " + GROUPS_SIZE + " characters in all");
		}
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into approval_request (requester, role_arn, duration_seconds, reason, rule_name, status, "
					+ "requested_at, request_expires_at, requester_groups) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(requester, roleArn, durationSeconds, reason, cut(rule, RULE_SIZE), ApprovalStatus.PENDING.name(),
					SqlTime.of(at), SqlTime.of(expiresAt), groups)
			.update(keys, "id");
		return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
	}

	Optional<Approval> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from approval_request where id = ?")
			.param(id)
			.query(ApprovalRepository::approval)
			.optional();
	}

	/** The member's own requests, the newest first. */
	List<Approval> ofRequester(String requester, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from approval_request where requester = ? order by requested_at desc, id desc "
					+ "fetch first ? rows only")
			.params(requester, limit)
			.query(ApprovalRepository::approval)
			.list();
	}

	/** How many of the member's requests wait for an answer. */
	int waitingOf(String requester) {
		return this.jdbc.sql("select count(*) from approval_request where requester = ? and status = ?")
			.params(requester, ApprovalStatus.PENDING.name())
			.query(Integer.class)
			.single();
	}

	/** Everyone's pending requests but the member's own, the oldest first. */
	List<Approval> pendingOfOthers(String member, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from approval_request where status = ? and requester <> ? "
					+ "order by requested_at, id fetch first ? rows only")
			.params(ApprovalStatus.PENDING.name(), member, limit)
			.query(ApprovalRepository::approval)
			.list();
	}

	int countOfRequester(String requester, ApprovalStatus status) {
		return this.jdbc.sql("select count(*) from approval_request where requester = ? and status = ?")
			.params(requester, status.name())
			.query(Integer.class)
			.single();
	}

	/**
	 * @return whether the request was still pending and unexpired, and is now approved
	 */
	boolean approve(long id, String approver, String note, Instant at, Instant validUntil) {
		return this.jdbc
			.sql("update approval_request set status = ?, answered_by = ?, answered_at = ?, note = ?, valid_until = ? "
					+ "where id = ? and status = ? and request_expires_at > ?")
			.params(ApprovalStatus.APPROVED.name(), approver, SqlTime.of(at), note, SqlTime.of(validUntil), id,
					ApprovalStatus.PENDING.name(), SqlTime.of(at))
			.update() == 1;
	}

	/**
	 * @return whether the request was still pending, and is now denied
	 */
	boolean deny(long id, String approver, String note, Instant at) {
		return this.jdbc
			.sql("update approval_request set status = ?, answered_by = ?, answered_at = ?, note = ?, closed_at = ? "
					+ "where id = ? and status = ?")
			.params(ApprovalStatus.DENIED.name(), approver, SqlTime.of(at), note, SqlTime.of(at), id,
					ApprovalStatus.PENDING.name())
			.update() == 1;
	}

	/**
	 * @return whether the member's request was still pending, and is now withdrawn
	 */
	boolean withdraw(long id, String requester, Instant at) {
		return this.jdbc
			.sql("update approval_request set status = ?, closed_at = ? where id = ? and requester = ? and status = ?")
			.params(ApprovalStatus.WITHDRAWN.name(), SqlTime.of(at), id, requester, ApprovalStatus.PENDING.name())
			.update() == 1;
	}

	/**
	 * The one statement that spends an approval: of this member's usable approvals of the
	 * role for at least this length, the one that expires first (then the oldest) is
	 * marked used, with a token of this call. The outer condition repeats the status, so
	 * that of two statements racing for one row, the second finds it used once the first
	 * commits (both engines check a locked row again) and updates nothing.
	 * @param token new for each call: reads back which row this call spent
	 * @return the spent approval's id, or empty when this call spent none
	 */
	Optional<Long> spendOne(String requester, String roleArn, int durationSeconds, Instant at, String token) {
		int updated = this.jdbc
			.sql("update approval_request set status = ?, closed_at = ?, spend_token = ? where status = ? and id = "
					+ "(select id from approval_request where requester = ? and role_arn = ? and status = ? "
					+ "and valid_until > ? and duration_seconds >= ? order by valid_until, id fetch first 1 rows only)")
			.params(ApprovalStatus.USED.name(), SqlTime.of(at), token, ApprovalStatus.APPROVED.name(), requester,
					roleArn, ApprovalStatus.APPROVED.name(), SqlTime.of(at), durationSeconds)
			.update();
		if (updated != 1) {
			return Optional.empty();
		}
		return this.jdbc.sql("select id from approval_request where spend_token = ?")
			.param(token)
			.query(Long.class)
			.optional();
	}

	/** Whether the member has an approval this call could have spent. */
	boolean usable(String requester, String roleArn, int durationSeconds, Instant at) {
		return this.jdbc
			.sql("select count(*) from approval_request where requester = ? and role_arn = ? and status = ? "
					+ "and valid_until > ? and duration_seconds >= ?")
			.params(requester, roleArn, ApprovalStatus.APPROVED.name(), SqlTime.of(at), durationSeconds)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * @return whether the approval was spent and is usable again
	 */
	boolean release(long id) {
		return this.jdbc.sql(
				"update approval_request set status = ?, closed_at = null, spend_token = null where id = ? and status = ?")
			.params(ApprovalStatus.APPROVED.name(), id, ApprovalStatus.USED.name())
			.update() == 1;
	}

	/** Pending requests past their time, and approvals no longer usable. */
	List<Approval> due(Instant now, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from approval_request where (status = ? and request_expires_at <= ?) "
					+ "or (status = ? and valid_until <= ?) order by id fetch first ? rows only")
			.params(ApprovalStatus.PENDING.name(), SqlTime.of(now), ApprovalStatus.APPROVED.name(), SqlTime.of(now),
					limit)
			.query(ApprovalRepository::approval)
			.list();
	}

	/**
	 * @return whether this call closed it (another instance may have been first)
	 */
	boolean expire(long id, Instant now) {
		return this.jdbc
			.sql("update approval_request set status = ?, closed_at = ? where id = ? and "
					+ "((status = ? and request_expires_at <= ?) or (status = ? and valid_until <= ?))")
			.params(ApprovalStatus.EXPIRED.name(), SqlTime.of(now), id, ApprovalStatus.PENDING.name(), SqlTime.of(now),
					ApprovalStatus.APPROVED.name(), SqlTime.of(now))
			.update() == 1;
	}

	/**
	 * Cuts to {@code size} UTF-16 units without halving a surrogate pair: for text the
	 * portal itself makes (the policy's rule name), never for what a person typed, which
	 * the form checks instead.
	 */
	static String cut(String value, int size) {
		if (value == null || value.length() <= size) {
			return value;
		}
		int end = Character.isHighSurrogate(value.charAt(size - 1)) ? size - 1 : size;
		return value.substring(0, end);
	}

	private static Approval approval(ResultSet row, int rowNum) throws SQLException {
		return new Approval(row.getLong("id"), row.getString("requester"), row.getString("role_arn"),
				row.getInt("duration_seconds"), row.getString("reason"), row.getString("rule_name"),
				ApprovalStatus.valueOf(row.getString("status")), SqlTime.read(row, "requested_at"),
				SqlTime.read(row, "request_expires_at"), row.getString("answered_by"), SqlTime.read(row, "answered_at"),
				row.getString("note"), SqlTime.read(row, "valid_until"), groups(row.getString("requester_groups")));
	}

	private static List<String> groups(String names) {
		return (names == null || names.isBlank()) ? List.of() : List.of(names.trim().split(" +"));
	}

}
