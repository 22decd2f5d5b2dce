/**
 * Attempt limits: a portal that forwards 6-digit codes must not become a way to guess
 * them. Counts failed MFA attempts per person and device in the database (so limits hold
 * across restarts and instances), locks a device after too many in a row, and never lets
 * one code reach STS twice.
 */
package dev.mfaportal.limit;
