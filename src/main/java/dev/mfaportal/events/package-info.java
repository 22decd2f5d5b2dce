/**
 * Events out: every audit row becomes one signed JSON event in an outbox table, written
 * in the transaction of its row, and a sender on each instance delivers the outbox to the
 * team's webhook, at least once, in order per actor. Holds ids, never a secret, a code or
 * a token.
 */
package dev.mfaportal.events;
