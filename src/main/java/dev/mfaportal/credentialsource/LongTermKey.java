package dev.mfaportal.credentialsource;

import dev.mfaportal.sts.AccessKeys;

/**
 * A long-term key pair on its way into or out of the vault.
 *
 * @param accessKeyId the access key id, {@code AKIA…}
 * @param secretAccessKey its secret; masked by {@link #toString()}
 */
public record LongTermKey(String accessKeyId, String secretAccessKey) {

	@Override
	public String toString() {
		return "LongTermKey[" + AccessKeys.mask(this.accessKeyId) + "]";
	}

}
