/**
 * Who may use the portal. Local mode: only the person who started it (loopback bind, a
 * Host allowlist against DNS rebinding, CSRF on every POST, and a per-launch access
 * token).
 */
package dev.mfaportal.security;
