package dev.mfaportal.policy;

import java.time.Instant;

/**
 * An instance read its policy file: at start, or again after the file changed, and took
 * it or kept the last good one. Each instance reads for itself, so each records its own.
 * Holds the file's path and the error, never the file.
 *
 * @param at when it was read
 * @param file the file's path
 * @param accepted whether the file is the policy now
 * @param error why it was refused, with its line; null when accepted
 * @param rules how many rules the policy in force has
 */
public record PolicyChanged(Instant at, String file, boolean accepted, String error, int rules) {

}
