package dev.mfaportal.approval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One row of {@code approval_request}.
 *
 * @param id its id
 * @param requester the member who asked
 * @param roleArn the role
 * @param durationSeconds the longest session the approval opens
 * @param reason why, in the member's words
 * @param rule the policy's rule that asked for the approval
 * @param status where it stands
 * @param requestedAt when the member asked
 * @param requestExpiresAt when an unanswered request expires
 * @param answeredBy who approved or denied it
 * @param answeredAt when
 * @param note the approver's note
 * @param validUntil until when an approval may be used
 * @param requesterGroups the requester's single sign-on groups by which the policy named
 * them when they asked (names only), for finding the rule again while they are away
 */
record Approval(long id, String requester, String roleArn, int durationSeconds, String reason, String rule,
		ApprovalStatus status, Instant requestedAt, Instant requestExpiresAt, String answeredBy, Instant answeredAt,
		String note, Instant validUntil, List<String> requesterGroups) {

	Approval {
		requesterGroups = List.copyOf(requesterGroups);
	}

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	public String requestedUtc() {
		return UTC.format(this.requestedAt);
	}

	public String validUntilUtc() {
		return (this.validUntil != null) ? UTC.format(this.validUntil) : null;
	}

	public String statusKey() {
		return this.status.messageKey();
	}

}
