package dev.mfaportal.audit;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.mfaportal.events.OutboxEvent;

import org.springframework.context.MessageSource;

/**
 * A history row as the event that leaves the portal: its type is the outcome's stable
 * name ({@code issued}, {@code rejected-limit}, {@code device-locked}, ...), its fields
 * the row's columns under the CSV's names. The row holds no secret, so neither can the
 * event.
 */
final class AuditEvents {

	private AuditEvents() {
	}

	static OutboxEvent of(AuditEntry entry, MessageSource messages) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("outcome", entry.outcome().name());
		fields.put("source", entry.source());
		fields.put("access_key", entry.accessKeyMasked());
		fields.put("device_label", entry.deviceLabel());
		fields.put("serial_number", entry.serialNumber());
		fields.put("duration_seconds", entry.durationSeconds());
		fields.put("error_code", entry.errorCode());
		fields.put("expires_at", (entry.expiresAt() != null) ? entry.expiresAt().toString() : null);
		fields.put("client_address", entry.clientAddress());
		fields.put("target", entry.target());
		fields.put("role_arn", entry.ids().roleArn());
		fields.put("sts_request_id", entry.ids().stsRequestId());
		fields.put("issued_access_key_id", entry.ids().issuedAccessKeyId());
		fields.put("assumed_role_id", entry.ids().assumedRoleId());
		return new OutboxEvent(type(entry.outcome()), entry.occurredAt(), entry.actor(), orderKey(entry), fields,
				summary(entry, messages));
	}

	/**
	 * A member's sign-ins go out in order among themselves, everything else of theirs
	 * among itself: a flood of failed sign-ins under a member's name (someone guessing,
	 * throttled) would otherwise hold back that member's issue events until every one of
	 * them is delivered. Each event carries its time, so a receiver can still interleave
	 * the two streams.
	 */
	static String orderKey(AuditEntry entry) {
		return switch (entry.outcome()) {
			case SIGNED_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED -> entry.actor() + " sign-ins";
			default -> entry.actor();
		};
	}

	static String type(Outcome outcome) {
		return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * One sentence for a chat channel, in English, the language of most team channels.
	 */
	private static String summary(AuditEntry entry, MessageSource messages) {
		String details = Stream
			.of(entry.ids().roleArn(), entry.serialNumber(), entry.errorCode(), entry.ids().issuedAccessKeyId())
			.filter(Objects::nonNull)
			.collect(Collectors.joining(", "));
		return messages.getMessage("events.summary",
				new Object[] { entry.actor(), messages.getMessage(entry.outcome().messageKey(), null, Locale.ENGLISH),
						details,
						DateTimeFormatter.ISO_INSTANT.format(entry.occurredAt().truncatedTo(ChronoUnit.SECONDS)) },
				Locale.ENGLISH);
	}

}
