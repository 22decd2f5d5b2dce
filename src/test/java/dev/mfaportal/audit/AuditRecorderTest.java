package dev.mfaportal.audit;

import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mfaportal.events.Outbox;
import dev.mfaportal.events.Outboxes;
import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.IssueFailed;
import dev.mfaportal.issuing.IssueRejected;
import dev.mfaportal.limit.DeviceLocked;
import dev.mfaportal.limit.DeviceUnlocked;
import dev.mfaportal.sts.StsFailure;
import dev.mfaportal.system.SqlTime;
import dev.mfaportal.terminal.RoleServed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events in, rows out, through Spring's event publishing. Each test asserts every column
 * of the row, and that the table has no other column: nothing but these values can be
 * stored.
 */
@JdbcTest
@Import({ AuditRepository.class, AuditRecorder.class, UnwrittenAuditRows.class, AuditRecorderTest.NoWebhook.class })
class AuditRecorderTest {

	@TestConfiguration
	static class NoWebhook {

		@Bean
		Outbox outbox(JdbcClient jdbc) {
			return Outboxes.off(jdbc);
		}

		@Bean
		MessageSource messageSource() {
			return Outboxes.messages();
		}

	}

	private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

	private static final Instant EXPIRES = Instant.parse("2026-11-26T22:00:00Z");

	private static final IssueAttempt ATTEMPT = new IssueAttempt(AT, "alice", "profile work", "AKIA…WXYZ",
			"arn:aws:iam::123456789012:mfa/alice", "Work phone", 43200, "192.0.2.10");

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void credentialsIssuedThenIssuedRowWithTheExpiry() {
		this.events.publishEvent(new CredentialsIssued(ATTEMPT, EXPIRES));

		assertThat(onlyRow()).containsExactlyEntriesOf(attemptRow("ISSUED", null, EXPIRES));
	}

	@Test
	void credentialsIssuedWhenStsAnsweredThenRowHoldsItsRequestIdAndTheIssuedKeyId() {
		this.events.publishEvent(new CredentialsIssued(ATTEMPT, EXPIRES, "58c5dbae-abef-11e0-8cfe-09039844ac7d",
				"ASIAIOSFODNN7EXAMPLE", null));

		assertThat(onlyRow()).containsExactlyEntriesOf(withIds(attemptRow("ISSUED", null, EXPIRES), null,
				"58c5dbae-abef-11e0-8cfe-09039844ac7d", "ASIAIOSFODNN7EXAMPLE", null));
	}

	@Test
	void roleIssuedThenRowHoldsTheRoleAndTheAssumedRoleId() {
		IssueAttempt role = new IssueAttempt(AT, "alice", "profile work", "AKIA…WXYZ",
				"arn:aws:iam::123456789012:mfa/alice", "Work phone", 43200, "192.0.2.10",
				"arn:aws:iam::123456789012:role/admin");
		this.events.publishEvent(
				new CredentialsIssued(role, EXPIRES, "req-1", "ASIAROLEKEY000000001", "AROA3XFRBF535PLBIFPI4:alice"));

		assertThat(onlyRow()).containsExactlyEntriesOf(
				withIds(attemptRow("ISSUED", null, EXPIRES), "arn:aws:iam::123456789012:role/admin", "req-1",
						"ASIAROLEKEY000000001", "AROA3XFRBF535PLBIFPI4:alice"));
	}

	@Test
	void issueFailedWhenStsAnsweredThenRowHoldsItsRequestIdAndNoKey() {
		this.events.publishEvent(new IssueFailed(ATTEMPT, StsFailure.INVALID_CODE, "AccessDenied", "req-2"));

		assertThat(onlyRow())
			.containsExactlyEntriesOf(withIds(attemptRow("FAILED", "AccessDenied", null), null, "req-2", null, null));
	}

	@Test
	void issueFailedWhenStsGaveACodeThenFailedRowWithStsCode() {
		this.events.publishEvent(new IssueFailed(ATTEMPT, StsFailure.INVALID_CODE, "AccessDenied"));

		assertThat(onlyRow()).containsExactlyEntriesOf(attemptRow("FAILED", "AccessDenied", null));
	}

	@Test
	void issueFailedWhenStsSaidNothingThenFailedRowWithTheFailureName() {
		this.events.publishEvent(new IssueFailed(ATTEMPT, StsFailure.TIMEOUT, null));

		assertThat(onlyRow()).containsExactlyEntriesOf(attemptRow("FAILED", "TIMEOUT", null));
	}

	@ParameterizedTest
	@CsvSource({ "INVALID_INPUT, REJECTED_INPUT", "ATTEMPT_LIMIT, REJECTED_LIMIT", "DEVICE_LOCKED, REJECTED_LOCKED",
			"CODE_REUSED, REJECTED_CODE_REUSED" })
	void issueRejectedThenRejectedRowForItsReason(IssueRejected.Reason reason, String outcome) {
		this.events.publishEvent(new IssueRejected(ATTEMPT, reason));

		assertThat(onlyRow()).containsExactlyEntriesOf(attemptRow(outcome, null, null));
	}

	@Test
	void issueRejectedWhenTheFormHeldNoNumberAndNoSavedDeviceThenThoseColumnsStayEmpty() {
		IssueAttempt attempt = new IssueAttempt(AT, "alice", "environment", "AKIA…ABCD", "not a serial", null, null,
				"127.0.0.1");
		this.events.publishEvent(new IssueRejected(attempt, IssueRejected.Reason.INVALID_INPUT));

		assertThat(onlyRow()).containsExactlyEntriesOf(row(AT, "alice", "environment", "AKIA…ABCD", "not a serial",
				null, null, "REJECTED_INPUT", null, null, "127.0.0.1"));
	}

	@Test
	void issueRejectedWhenTheSerialTypedIsHugeThenRowStoredCutToTheColumn() {
		String typed = "arn:aws:iam::123456789012:mfa/" + "a".repeat(5000);
		IssueAttempt attempt = new IssueAttempt(AT, "alice", "work", "AKIA…WXYZ", typed, null, null, "127.0.0.1");
		this.events.publishEvent(new IssueRejected(attempt, IssueRejected.Reason.INVALID_INPUT));

		assertThat(onlyRow()).containsEntry("serial_number", typed.substring(0, 256));
	}

	@Test
	void deviceLockedThenLockRowInTheOwnersHistory() {
		this.events.publishEvent(new DeviceLocked(AT, "alice", "arn:aws:iam::123456789012:mfa/alice", 10));

		assertThat(onlyRow()).containsExactlyEntriesOf(row(AT, "alice", null, null,
				"arn:aws:iam::123456789012:mfa/alice", null, null, "DEVICE_LOCKED", null, null, null));
	}

	@Test
	void deviceUnlockedThenUnlockRowInTheOwnersHistoryNamingWhoUnlocked() {
		this.events.publishEvent(new DeviceUnlocked(AT, "alice", "arn:aws:iam::123456789012:mfa/alice", "admin"));

		assertThat(onlyRow()).containsExactlyEntriesOf(row(AT, "alice", "admin", null,
				"arn:aws:iam::123456789012:mfa/alice", null, null, "DEVICE_UNLOCKED", null, null, null));
	}

	@Test
	void roleServedThenServedRoleRowUnderTheProfileWithTheHeldSessionsDeviceAndMaskedKey() {
		this.events.publishEvent(
				new RoleServed(AT, "alice", "admin", "arn:aws:iam::123456789012:role/admin", "work", "ASIA…WXYZ",
						"arn:aws:iam::123456789012:mfa/alice", 3600, EXPIRES, null, "127.0.0.1", null, null, null));

		assertThat(onlyRow())
			.containsExactlyEntriesOf(withIds(
					row(AT, "alice", "admin", "ASIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", null, 3600,
							"SERVED_ROLE", null, EXPIRES, "127.0.0.1"),
					"arn:aws:iam::123456789012:role/admin", null, null, null));
	}

	@Test
	void roleServedWhenStsAnsweredThenRowHoldsTheRoleAndItsIds() {
		this.events.publishEvent(new RoleServed(AT, "alice", "admin", "arn:aws:iam::123456789012:role/admin", "work",
				"ASIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", 3600, EXPIRES, null, "127.0.0.1", "req-3",
				"ASIAROLEKEY000000002", "AROA3XFRBF535PLBIFPI4:alice"));

		assertThat(onlyRow()).containsExactlyEntriesOf(withIds(
				row(AT, "alice", "admin", "ASIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", null, 3600, "SERVED_ROLE",
						null, EXPIRES, "127.0.0.1"),
				"arn:aws:iam::123456789012:role/admin", "req-3", "ASIAROLEKEY000000002",
				"AROA3XFRBF535PLBIFPI4:alice"));
	}

	@Test
	void roleServedWhenStsRefusedThenFailedRowWithStsCode() {
		this.events.publishEvent(new RoleServed(AT, "alice", "admin", "arn:aws:iam::123456789012:role/admin", "work",
				"ASIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", 3600, null, "AccessDenied", "127.0.0.1", "req-4",
				null, null));

		assertThat(onlyRow()).containsExactlyEntriesOf(withIds(
				row(AT, "alice", "admin", "ASIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", null, 3600, "FAILED",
						"AccessDenied", null, "127.0.0.1"),
				"arn:aws:iam::123456789012:role/admin", "req-4", null, null));
	}

	@Test
	void tableWhenReadThenHoldsNoColumnBeyondTheAuditedOnes() {
		List<String> columns = this.jdbc.sql("select * from audit_event")
			.query((ResultSetExtractor<List<String>>) (rows) -> {
				ResultSetMetaData meta = rows.getMetaData();
				List<String> names = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
				}
				return names;
			});
		// The row data of every test above, plus the id.
		List<String> expected = new ArrayList<>(List.of("id"));
		expected.addAll(attemptRow("ISSUED", null, null).keySet());
		// and whom an account action was done to (AccountHistory's rows)
		expected.add("target");
		assertThat(columns).containsExactlyInAnyOrderElementsOf(expected);
	}

	private static Map<String, Object> attemptRow(String outcome, String errorCode, Instant expiresAt) {
		return row(AT, "alice", "profile work", "AKIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", "Work phone", 43200,
				outcome, errorCode, expiresAt, "192.0.2.10");
	}

	private static Map<String, Object> row(Instant occurredAt, String actor, String source, String accessKey,
			String serial, String label, Integer duration, String outcome, String errorCode, Instant expiresAt,
			String clientAddress) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("occurred_at", occurredAt);
		row.put("actor", actor);
		row.put("source", source);
		row.put("access_key_masked", accessKey);
		row.put("serial_number", serial);
		row.put("device_label", label);
		row.put("duration_seconds", duration);
		row.put("outcome", outcome);
		row.put("error_code", errorCode);
		row.put("expires_at", expiresAt);
		row.put("client_address", clientAddress);
		return withIds(row, null, null, null, null);
	}

	private static Map<String, Object> withIds(Map<String, Object> row, String roleArn, String requestId,
			String issuedKey, String assumedRoleId) {
		row.put("role_arn", roleArn);
		row.put("sts_request_id", requestId);
		row.put("issued_access_key_id", issuedKey);
		row.put("assumed_role_id", assumedRoleId);
		return row;
	}

	private Map<String, Object> onlyRow() {
		List<Map<String, Object>> rows = this.jdbc.sql("select * from audit_event")
			.query((rs, i) -> withIds(
					row(SqlTime.read(rs, "occurred_at"), rs.getString("actor"), rs.getString("source"),
							rs.getString("access_key_masked"), rs.getString("serial_number"),
							rs.getString("device_label"), rs.getObject("duration_seconds", Integer.class),
							rs.getString("outcome"), rs.getString("error_code"), SqlTime.read(rs, "expires_at"),
							rs.getString("client_address")),
					rs.getString("role_arn"), rs.getString("sts_request_id"), rs.getString("issued_access_key_id"),
					rs.getString("assumed_role_id")))
			.list();
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

}
