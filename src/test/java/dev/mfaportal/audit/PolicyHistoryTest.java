package dev.mfaportal.audit;

import java.time.Instant;
import java.util.List;

import dev.mfaportal.events.Outbox;
import dev.mfaportal.events.Outboxes;
import dev.mfaportal.policy.PolicyChanged;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read of the policy file, taken or refused, is a history row of {@code (policy)}.
 */
@JdbcTest
@Import({ AuditRepository.class, PolicyHistory.class, UnwrittenAuditRows.class, PolicyHistoryTest.NoWebhook.class })
class PolicyHistoryTest {

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

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	@Test
	void policyReadWhenTakenOrRefusedThenOneRowEachWithTheFileAndTheErrorsLine() {
		Instant at = Instant.parse("2026-12-06T21:00:00Z");
		this.events.publishEvent(new PolicyChanged(at, "/etc/policy.yaml", true, null, 3));
		this.events.publishEvent(
				new PolicyChanged(at.plusSeconds(1), "/etc/policy.yaml", false, "line 4: unknown key rolez", 3));

		List<String> rows = this.jdbc
			.sql("select actor || '|' || source || '|' || outcome || '|' || coalesce(error_code, '-') from audit_event "
					+ "order by id")
			.query(String.class)
			.list();

		assertThat(rows).containsExactly("(policy)|/etc/policy.yaml|POLICY_LOADED|-",
				"(policy)|/etc/policy.yaml|POLICY_REJECTED|line 4: unknown key rolez");
	}

}
