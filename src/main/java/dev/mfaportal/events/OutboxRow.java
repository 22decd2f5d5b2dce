package dev.mfaportal.events;

import java.time.Instant;

/**
 * One row of {@code event_outbox}, as the sender and the admin page see it.
 *
 * @param seq the order in which events were written
 * @param eventId the event's id, sent in {@code X-MfaPortal-Event}
 * @param type the event's type
 * @param actor whose event
 * @param occurredAt when it happened
 * @param payload the event's JSON
 * @param summary its sentence
 * @param status {@code PENDING}, {@code SENT} or {@code FAILED} (given up)
 * @param attempts how many posts were tried
 * @param nextAttemptAt when the sender tries again
 * @param lastStatus the receiver's last HTTP status, or {@code null}
 * @param lastError why the last post failed, or {@code null}
 * @param sentAt when the receiver took it
 */
record OutboxRow(long seq, String eventId, String type, String actor, Instant occurredAt, String payload,
		String summary, String status, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError,
		Instant sentAt) {

}
