package dev.mfaportal.issuing;

import java.time.Instant;

/**
 * STS issued credentials. The credentials themselves are not in the event, only the
 * public identifiers CloudTrail records.
 *
 * @param attempt the attempt
 * @param expiresAt when the credentials expire
 * @param stsRequestId STS's request id for the call, or {@code null} when not known
 * @param accessKeyId the issued credentials' access key id ({@code ASIA…}), public
 * @param assumedRoleId for a role, its assumed-role id ({@code AROA…:session}), else
 * {@code null}
 * @param receipt where listeners say that their part waits for the database
 */
public record CredentialsIssued(IssueAttempt attempt, Instant expiresAt, String stsRequestId, String accessKeyId,
		String assumedRoleId, HistoryReceipt receipt) {

	public CredentialsIssued(IssueAttempt attempt, Instant expiresAt, String stsRequestId, String accessKeyId,
			String assumedRoleId) {
		this(attempt, expiresAt, stsRequestId, accessKeyId, assumedRoleId, new HistoryReceipt());
	}

	public CredentialsIssued(IssueAttempt attempt, Instant expiresAt) {
		this(attempt, expiresAt, null, null, null);
	}

}
