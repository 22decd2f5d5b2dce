package dev.mfaportal.limit;

import java.time.Instant;

/**
 * A device was locked after too many consecutive failed MFA attempts.
 */
public record DeviceLocked(Instant at, String actor, String serialNumber, int consecutiveFailures) {

}
