/**
 * Audit history: one row per attempt to get credentials and per lock or unlock of a
 * device, recorded from the issuing and limit features' events, shown to each person as
 * their own history and kept for a configurable number of days. Never a secret, a session
 * token or an MFA code: the events carry none.
 */
package dev.mfaportal.audit;
