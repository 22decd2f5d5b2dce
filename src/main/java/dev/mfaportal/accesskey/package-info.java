/**
 * Stored access keys, for team mode (Spring profile {@code team}): each member stores
 * their own long-term AWS access keys, which become that member's credential sources. The
 * secret access key is kept only AES-256-GCM encrypted, under a key from configuration
 * (never the database), and is decrypted only when an STS call resolves it; it is never
 * shown, logged or put in a message.
 */
package dev.mfaportal.accesskey;
