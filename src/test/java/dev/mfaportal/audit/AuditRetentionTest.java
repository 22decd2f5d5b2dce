package dev.mfaportal.audit;

import java.time.Duration;
import java.time.Instant;

import dev.mfaportal.events.Outboxes;
import dev.mfaportal.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@JdbcTest
class AuditRetentionTest {

	private static final Instant NOW = Instant.parse("2026-11-26T03:17:00Z");

	@Autowired
	private JdbcClient jdbc;

	private AuditRepository audit;

	private final MutableClock clock = new MutableClock(NOW);

	@BeforeEach
	void repository() {
		this.audit = new AuditRepository(this.jdbc, Outboxes.off(this.jdbc), Outboxes.messages());
	}

	private void insertAged(Duration age) {
		this.audit.insert(new AuditEntry(null, NOW.minus(age), "alice", "work", "AKIA…WXYZ", "GAHT12345678", null, 3600,
				Outcome.ISSUED, null, null, "127.0.0.1"));
	}

	private long rows() {
		return this.audit.count(AuditFilter.of(null));
	}

	@Test
	void purgeWhenRowsOlderThanRetentionThenTheyGoAndNewerStay() {
		insertAged(Duration.ofDays(400));
		insertAged(Duration.ofDays(90).plusSeconds(1));
		insertAged(Duration.ofDays(90));
		insertAged(Duration.ofDays(89));
		insertAged(Duration.ZERO);

		int deleted = new AuditRetention(this.audit, new AuditSettings(90, AuditSettings.DEFAULT_PURGE_CRON),
				this.clock)
			.purge();

		assertThat(deleted).isEqualTo(2);
		assertThat(this.audit.searchAll(AuditFilter.of(null))).extracting(AuditEntry::occurredAt)
			.containsExactly(NOW, NOW.minus(Duration.ofDays(89)), NOW.minus(Duration.ofDays(90)));
	}

	@Test
	void purgeWhenTheClockMovesOnThenRowsAgeOutByTheClock() {
		insertAged(Duration.ofDays(5));
		AuditRetention retention = new AuditRetention(this.audit,
				new AuditSettings(7, AuditSettings.DEFAULT_PURGE_CRON), this.clock);

		assertThat(retention.purge()).isZero();
		assertThat(rows()).isEqualTo(1);

		this.clock.advance(Duration.ofDays(2).plusSeconds(1));
		assertThat(retention.purge()).isEqualTo(1);
		assertThat(rows()).isZero();
	}

}
