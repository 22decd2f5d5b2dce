package dev.mfaportal.limit;

import java.time.Instant;

/**
 * A device that refuses attempts until its owner unlocks it.
 */
public record LockedDevice(String serialNumber, Instant lockedAt) {

}
