package dev.mfaportal.issuing;

/**
 * A secret every instance of a team shares, from which the renew links' signing key is
 * derived, so that a link one instance signed verifies on the others. Team mode supplies
 * it; without one (local mode), each run makes its own key and keeps it in memory.
 */
@FunctionalInterface
public interface RenewLinkKey {

	/** At least 32 bytes, the same on every instance, never stored in plain. */
	byte[] bytes();

}
