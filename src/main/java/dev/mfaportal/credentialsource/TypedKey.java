package dev.mfaportal.credentialsource;

import dev.mfaportal.sts.AccessKeys;

/**
 * A key pair a person typed in for one call: used to sign it, kept nowhere.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey its secret
 */
public record TypedKey(String accessKeyId, String secretAccessKey) {

	@Override
	public String toString() {
		return "TypedKey[" + AccessKeys.mask(this.accessKeyId) + "]";
	}

}
