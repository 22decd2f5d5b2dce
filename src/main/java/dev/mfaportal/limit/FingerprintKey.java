package dev.mfaportal.limit;

/**
 * A key for code fingerprints that every instance shares, so that a code used on one
 * instance is recognised on another. Without one, each process makes its own.
 */
@FunctionalInterface
public interface FingerprintKey {

	/** At least 32 bytes, never stored in the database in plain. */
	byte[] bytes();

}
