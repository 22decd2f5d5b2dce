package dev.mfaportal.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.IssueFailed;
import dev.mfaportal.issuing.IssueRejected;
import dev.mfaportal.limit.DeviceLocked;
import dev.mfaportal.sts.StsFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Every audit row of an attempt or a lock, whatever the database fails with: kept to be
 * written later, and nothing thrown at the publisher, so no other listener of the event
 * is skipped.
 */
class AuditRecorderWhenDatabaseAwayTest {

	private static final IssueAttempt ATTEMPT = new IssueAttempt(Instant.parse("2026-11-26T10:00:00Z"), "alice",
			"profile work", "AKIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", null, 900, "127.0.0.1");

	static List<Consumer<AuditRecorder>> events() {
		return List.of((recorder) -> recorder.on(new CredentialsIssued(ATTEMPT, Instant.parse("2026-11-26T11:00:00Z"))),
				(recorder) -> recorder.on(new IssueFailed(ATTEMPT, StsFailure.INVALID_CODE, "AccessDenied")),
				(recorder) -> recorder.on(new IssueRejected(ATTEMPT, IssueRejected.Reason.ATTEMPT_LIMIT)),
				(recorder) -> recorder.on(new IssueRejected(ATTEMPT, IssueRejected.Reason.INVALID_INPUT)),
				(recorder) -> recorder.on(new DeviceLocked(ATTEMPT.at(), "alice", ATTEMPT.serialNumber(), 10)));
	}

	@ParameterizedTest
	@MethodSource("events")
	void eventWhenThePoolCannotConnectThenTheRowIsKeptAndNothingIsThrown(Consumer<AuditRecorder> event) {
		assertKeptWhenInsertFailsWith(new CannotGetJdbcConnectionException("pool can't connect"), event);
	}

	@ParameterizedTest
	@MethodSource("events")
	void eventWhenNoTransactionCanStartThenTheRowIsKeptAndNothingIsThrown(Consumer<AuditRecorder> event) {
		assertKeptWhenInsertFailsWith(new CannotCreateTransactionException("no connection"), event);
	}

	private static void assertKeptWhenInsertFailsWith(RuntimeException failure, Consumer<AuditRecorder> event) {
		AuditRepository audit = mock(AuditRepository.class);
		willThrow(failure).given(audit).insert(any());
		UnwrittenAuditRows unwritten = new UnwrittenAuditRows(audit);

		assertThatNoException().isThrownBy(() -> event.accept(new AuditRecorder(audit, unwritten)));

		assertThat(unwritten.size()).isEqualTo(1);
	}

}
