package dev.mfaportal.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.StorageContract;
import dev.mfaportal.support.WebhookReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's claims against a real database, H2 and PostgreSQL: two senders never hold
 * one event, an actor's events go out in order, and a failed event waits, gives up, and
 * goes again on request. Not rolled back: the claims run on threads of their own.
 */
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class OutboxStorageContract extends StorageContract {

	private static final Duration LEASE = Duration.ofMinutes(1);

	@Autowired
	OutboxRows rows;

	final MutableClock clock = new MutableClock(T0);

	Outbox outbox;

	@BeforeEach
	void empty() {
		this.jdbc.sql("delete from event_outbox").update();
		this.outbox = Outboxes.to(this.jdbc, URI.create("https://hooks.example/portal"), this.clock);
	}

	private String add(String actor, String type) {
		return this.outbox.add(new OutboxEvent(type, this.clock.instant(), actor, Map.of("serial_number", ALICE_MFA),
				actor + " " + type));
	}

	@Test
	void claimWhenTwoSendersClaimAtOnceThenEveryEventIsClaimedByExactlyOne() throws Exception {
		Set<String> added = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			added.add(add("member" + (i % 20), "issued"));
		}
		Map<String, String> claimedBy = new ConcurrentHashMap<>();
		List<String> twice = Collections.synchronizedList(new ArrayList<>());
		Callable<Void> sender = () -> {
			String instance = Thread.currentThread().getName();
			for (int round = 0; round < 400; round++) {
				List<OutboxRow> claimed = this.rows.claim(instance, this.clock.instant(), LEASE, 10);
				for (OutboxRow event : claimed) {
					if (claimedBy.putIfAbsent(event.eventId(), instance) != null) {
						twice.add(event.eventId());
					}
					this.rows.sent(event.seq(), instance, 200, this.clock.instant());
				}
				if (claimed.isEmpty() && claimedBy.size() == added.size()) {
					break;
				}
			}
			return null;
		};
		AtOnce.run(List.of(sender, sender));

		assertThat(twice).isEmpty();
		assertThat(claimedBy.keySet()).isEqualTo(added);
		assertThat(this.rows.count("SENT")).isEqualTo(200);
	}

	@Test
	void claimWhenAnActorHasSeveralPendingThenOnlyItsOldestIsDue() {
		String first = add(ALICE, "issued");
		add(ALICE, "failed");
		String bobs = add(BOB, "issued");

		List<OutboxRow> claimed = this.rows.claim("a", this.clock.instant(), LEASE, 10);

		assertThat(claimed).extracting(OutboxRow::eventId).containsExactly(first, bobs);
	}

	@Test
	void claimWhenHeldByAnotherSenderThenNotUntilItsLeaseHasPassed() {
		String event = add(ALICE, "issued");
		assertThat(this.rows.claim("a", this.clock.instant(), LEASE, 10)).hasSize(1);

		assertThat(this.rows.claim("b", this.clock.instant(), LEASE, 10)).isEmpty();
		this.clock.advance(LEASE.plusSeconds(1));
		assertThat(this.rows.claim("b", this.clock.instant(), LEASE, 10)).extracting(OutboxRow::eventId)
			.containsExactly(event);
	}

	@Test
	void failedWhenBeforeItsRetryTimeThenNotDueAndTheActorsNextWaitsBehindIt() {
		OutboxRow event = claimOne(add(ALICE, "issued"));
		add(ALICE, "failed");
		Instant retryAt = this.clock.instant().plusSeconds(4);
		this.rows.failed(event.seq(), "a", 500, "HTTP 500: oops", this.clock.instant(), retryAt);

		assertThat(this.rows.claim("a", this.clock.instant(), LEASE, 10)).isEmpty();
		this.clock.advance(Duration.ofSeconds(4));
		OutboxRow again = this.rows.claim("a", this.clock.instant(), LEASE, 10).get(0);
		assertThat(again.eventId()).isEqualTo(event.eventId());
		assertThat(again.attempts()).isEqualTo(1);
		assertThat(again.lastStatus()).isEqualTo(500);
		assertThat(again.lastError()).isEqualTo("HTTP 500: oops");
	}

	@Test
	void failedWhenPastItsMaxAgeThenGivenUpUntilSentAgain() {
		String id = add(ALICE, "issued");
		this.clock.advance(Duration.ofHours(24));
		OutboxRow event = claimOne(id);
		this.rows.failed(event.seq(), "a", null, "ConnectException", this.clock.instant(), this.clock.instant());

		assertThat(this.rows.count("FAILED")).isEqualTo(1);
		assertThat(this.rows.claim("a", this.clock.instant(), LEASE, 10)).isEmpty();

		assertThat(this.rows.resend(id, this.clock.instant(), Duration.ofHours(24))).isTrue();
		assertThat(this.rows.claim("a", this.clock.instant(), LEASE, 10)).extracting(OutboxRow::eventId)
			.containsExactly(id);
		assertThat(this.rows.resend("no-such-event", this.clock.instant(), Duration.ofHours(24))).isFalse();
	}

	@Test
	void claimWhenAMembersSignInsFloodTheOutboxThenTheirIssueEventIsStillDue() {
		List<String> signIns = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			signIns.add(add(ALICE, "sign-in-failed", ALICE + "/sign-in"));
		}
		String issued = add(ALICE, "issued");

		List<OutboxRow> claimed = this.rows.claim("a", this.clock.instant(), LEASE, 10);

		assertThat(claimed).extracting(OutboxRow::eventId).containsExactly(signIns.get(0), issued);
	}

	@Test
	void sentWhenTheSendersLeaseHasPassedAndAnotherClaimedItThenTheNewClaimantsStateStands() {
		OutboxRow held = claimOne(add(ALICE, "issued"));
		this.clock.advance(LEASE.plusSeconds(1));
		OutboxRow taken = this.rows.claim("b", this.clock.instant(), LEASE, 10).get(0);

		assertThat(this.rows.sent(held.seq(), "a", 200, this.clock.instant())).isFalse();
		assertThat(this.rows.failed(held.seq(), "a", 500, "late", this.clock.instant(), this.clock.instant()))
			.isFalse();

		assertThat(this.rows.recent(null, 1).get(0).status()).isEqualTo("PENDING");
		assertThat(this.rows.recent(null, 1).get(0).attempts()).isZero();
		assertThat(this.rows.sent(taken.seq(), "b", 200, this.clock.instant())).isTrue();
		assertThat(this.rows.count("SENT")).isEqualTo(1);
	}

	@Test
	void sentWhenTheLeaseHasPassedAndNobodyClaimedItThenNotMarkedAndSentAgainLater() {
		OutboxRow held = claimOne(add(ALICE, "issued"));
		this.clock.advance(LEASE.plusSeconds(1));

		assertThat(this.rows.sent(held.seq(), "a", 200, this.clock.instant())).isFalse();

		assertThat(this.rows.claim("b", this.clock.instant(), LEASE, 10)).extracting(OutboxRow::eventId)
			.containsExactly(held.eventId());
	}

	@Test
	void deliverWhenOneActorHasManyDueThenAllGoOutInOrderWithoutWaitingARoundEach() {
		WebhookReceiver receiver = new WebhookReceiver("test-secret");
		try {
			List<String> added = new ArrayList<>();
			for (int i = 0; i < 25; i++) {
				added.add(add(ALICE, "issued"));
			}
			OutboxSender sender = new OutboxSender(this.rows, Outboxes.settings(receiver.url(), "test-secret"),
					this.clock);

			sender.deliverAllDue();

			assertThat(this.rows.count("SENT")).isEqualTo(25);
			assertThat(receiver.posts()).extracting(WebhookReceiver.Post::eventId).containsExactlyElementsOf(added);
		}
		finally {
			receiver.stop();
		}
	}

	@Test
	void addWhenNoWebhookThenNoRow() {
		Outboxes.off(this.jdbc).add(new OutboxEvent("issued", this.clock.instant(), ALICE, Map.of(), "alice issued"));

		assertThat(this.rows.recent(null, 10)).isEmpty();
	}

	private String add(String actor, String type, String orderKey) {
		return this.outbox.add(new OutboxEvent(type, this.clock.instant(), actor, orderKey,
				Map.of("serial_number", ALICE_MFA), actor + " " + type));
	}

	private OutboxRow claimOne(String eventId) {
		List<OutboxRow> claimed = this.rows.claim("a", this.clock.instant(), LEASE, 10);
		assertThat(claimed).extracting(OutboxRow::eventId).containsExactly(eventId);
		return claimed.get(0);
	}

}
