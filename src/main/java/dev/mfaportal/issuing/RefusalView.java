package dev.mfaportal.issuing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.mfaportal.issuing.AttemptGuard.Decision;

/**
 * What the form shows when the attempt limits answered instead of STS.
 *
 * @param decision why
 * @param retryAt when the next attempt will be admitted, or {@code null}
 * @param minutes minutes until then, rounded up
 */
record RefusalView(Decision decision, Instant retryAt, long minutes) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	public String messageKey() {
		return switch (this.decision) {
			case LIMITED -> "limit.refused.limited";
			case LOCKED -> "limit.refused.locked";
			default -> "limit.refused.codeReused";
		};
	}

	public String retryTime() {
		return (this.retryAt != null) ? TIME.format(this.retryAt) : "";
	}

}
