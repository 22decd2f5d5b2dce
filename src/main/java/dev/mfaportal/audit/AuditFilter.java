package dev.mfaportal.audit;

import java.time.Instant;

/**
 * Which rows a search returns. A {@code null} field does not filter.
 *
 * @param actor whose rows, or {@code null} for everyone's
 * @param serialNumber one MFA device
 * @param outcome one outcome
 * @param from the earliest time, inclusive
 * @param until the latest time, exclusive
 * @param awsId an issued access key id or an STS request id
 */
record AuditFilter(String actor, String serialNumber, Outcome outcome, Instant from, Instant until, String awsId) {

	AuditFilter(String actor, String serialNumber, Outcome outcome, Instant from, Instant until) {
		this(actor, serialNumber, outcome, from, until, null);
	}

	static AuditFilter of(String actor) {
		return new AuditFilter(actor, null, null, null, null);
	}

}
