package dev.mfaportal.events;

import java.time.Instant;
import java.util.Map;

/**
 * One event for the outbox, as the feature that records it describes it. Never a secret,
 * a code or a token: only what its history row holds.
 *
 * @param type such as {@code credentials.issued}
 * @param time when it happened
 * @param actor whose event it is
 * @param fields the history row's fields, in order; {@code null} values are left out
 * @param summary one readable sentence, for chat webhooks
 */
public record OutboxEvent(String type, Instant time, String actor, Map<String, ?> fields, String summary) {

}
