package dev.mfaportal.audit;

import java.time.Instant;

import dev.mfaportal.events.OutboxEvent;
import dev.mfaportal.events.Outboxes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which events go out in order with which: a member's sign-ins in a stream of their own,
 * so a flood of failed sign-ins under a member's name never holds back that member's
 * issue events.
 */
class AuditEventsTest {

	private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

	private static OutboxEvent event(Outcome outcome) {
		return AuditEvents.of(
				new AuditEntry(null, NOW, "h23-alice", null, null, null, null, null, outcome, null, null, "192.0.2.1"),
				Outboxes.messages());
	}

	@Test
	void ofWhenASignInThenOrderedWithTheMembersSignInsOnly() {
		assertThat(event(Outcome.SIGN_IN_FAILED).orderKey()).isEqualTo("h23-alice sign-ins");
		assertThat(event(Outcome.SIGN_IN_THROTTLED).orderKey()).isEqualTo("h23-alice sign-ins");
		assertThat(event(Outcome.SIGNED_IN).orderKey()).isEqualTo("h23-alice sign-ins");
	}

	@Test
	void ofWhenAnIssueThenOrderedWithTheMembersOtherEvents() {
		assertThat(event(Outcome.ISSUED).orderKey()).isEqualTo("h23-alice");
		assertThat(event(Outcome.ISSUED).actor()).isEqualTo("h23-alice");
		assertThat(event(Outcome.SIGN_IN_FAILED).actor()).isEqualTo("h23-alice");
	}

}
