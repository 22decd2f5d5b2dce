package dev.mfaportal.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willDoNothing;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Audit rows kept while the database is away: written in order once it is back, bounded.
 */
class UnwrittenAuditRowsTest {

	private final AuditRepository audit = mock(AuditRepository.class);

	private final UnwrittenAuditRows unwritten = new UnwrittenAuditRows(this.audit);

	@Test
	void writeWhenTheDatabaseIsStillDownThenRowsKeepWaiting() {
		willThrow(new DataAccessResourceFailureException("down")).given(this.audit).insert(any());
		this.unwritten.keep(row("alice"));

		assertThat(this.unwritten.write()).isZero();
		assertThat(this.unwritten.size()).isEqualTo(1);
	}

	@Test
	void writeWhenTheDatabaseIsBackThenEveryRowOldestFirst() {
		AuditEntry first = row("alice");
		AuditEntry second = row("bob");
		this.unwritten.keep(first);
		this.unwritten.keep(second);

		assertThat(this.unwritten.write()).isEqualTo(2);
		assertThat(this.unwritten.size()).isZero();
		var order = inOrder(this.audit);
		order.verify(this.audit).insert(first);
		order.verify(this.audit).insert(second);
	}

	@Test
	void keepWhenFullThenTheOldestIsDropped() {
		AuditEntry oldest = row("oldest");
		this.unwritten.keep(oldest);
		for (int i = 1; i <= UnwrittenAuditRows.CAPACITY; i++) {
			this.unwritten.keep(row("actor" + i));
		}
		willDoNothing().given(this.audit).insert(any());

		assertThat(this.unwritten.size()).isEqualTo(UnwrittenAuditRows.CAPACITY);
		this.unwritten.write();
		verify(this.audit, never()).insert(oldest);
	}

	private static AuditEntry row(String actor) {
		return new AuditEntry(null, Instant.parse("2026-11-26T10:00:00Z"), actor, "profile work", null, "GAHT12345678",
				null, 900, Outcome.ISSUED, null, null, "127.0.0.1");
	}

}
