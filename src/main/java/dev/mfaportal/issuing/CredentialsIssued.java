package dev.mfaportal.issuing;

import java.time.Instant;

/**
 * STS issued credentials. The credentials themselves are not in the event.
 *
 * @param attempt the attempt
 * @param expiresAt when the credentials expire
 * @param receipt where listeners say that their part waits for the database
 */
public record CredentialsIssued(IssueAttempt attempt, Instant expiresAt, HistoryReceipt receipt) {

	public CredentialsIssued(IssueAttempt attempt, Instant expiresAt) {
		this(attempt, expiresAt, new HistoryReceipt());
	}

}
