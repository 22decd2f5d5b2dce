package dev.mfaportal.issuing;

import java.time.Instant;

/**
 * STS issued credentials. The credentials themselves are not in the event.
 *
 * @param attempt the attempt
 * @param expiresAt when the credentials expire
 */
public record CredentialsIssued(IssueAttempt attempt, Instant expiresAt) {

}
