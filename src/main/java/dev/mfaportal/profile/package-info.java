/**
 * Saved profiles, local mode only: issued credentials written as one section of the
 * person's own credentials file when they ask, and removed again.
 */
package dev.mfaportal.profile;
