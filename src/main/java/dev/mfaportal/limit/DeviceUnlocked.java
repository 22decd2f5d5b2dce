package dev.mfaportal.limit;

import java.time.Instant;

/**
 * A locked device was unlocked.
 *
 * @param at when
 * @param actor whose device
 * @param serialNumber the device
 * @param by who unlocked it (the owner, or later an admin)
 */
public record DeviceUnlocked(Instant at, String actor, String serialNumber, String by) {

}
