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
 * @param orderKey the events that go out in the order they were written: the sender posts
 * an event only once every earlier one of the same key is delivered. Usually the actor; a
 * feature gives a stream of its own (sign-ins) a key of its own, so a flood of those
 * can't hold the actor's other events back.
 * @param fields the history row's fields, in order; {@code null} values are left out
 * @param summary one readable sentence, for chat webhooks
 */
public record OutboxEvent(String type, Instant time, String actor, String orderKey, Map<String, ?> fields,
		String summary) {

	/** An event ordered with the actor's others. */
	public OutboxEvent(String type, Instant time, String actor, Map<String, ?> fields, String summary) {
		this(type, time, actor, actor, fields, summary);
	}

}
