package dev.mfaportal.accesskey;

import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.security.Actor;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Team mode's credential sources: the keys the signed-in member stored, and no one
 * else's. The secret is decrypted only when the STS call resolves the caller's
 * credentials.
 */
class StoredKeyCredentialSources implements CredentialSources {

	static final String ID_PREFIX = "key:";

	private final StoredAccessKeys keys;

	private final StsSettings settings;

	StoredKeyCredentialSources(StoredAccessKeys keys, StsSettings settings) {
		this.keys = keys;
		this.settings = settings;
	}

	@Override
	public List<CredentialSource> list() {
		String region = this.settings.regionOrDefault();
		return this.keys.list(Actor.current())
			.stream()
			.map((key) -> new CredentialSource(ID_PREFIX + key.id(), Kind.STORED_KEY, key.label(),
					key.maskedAccessKeyId(), false, region, null, false))
			.toList();
	}

	/**
	 * Signs with the current member's key of that id; the owner is fixed here, in the
	 * request that asks, and the database is asked again (and the secret decrypted) when
	 * the STS call resolves the credentials.
	 */
	@Override
	public StsCaller caller(CredentialSource source) {
		long id = id(source.id()).orElseThrow(() -> new IllegalArgumentException("Not a stored key: " + source.id()));
		String owner = Actor.current();
		return new StsCaller(ID_PREFIX + id, () -> credentials(owner, id, source.name()), source.region(), null);
	}

	private AwsCredentials credentials(String owner, long id, String label) {
		try {
			return this.keys.resolve(owner, id)
				.orElseThrow(() -> SdkClientException.create("The stored key " + label + " is gone"));
		}
		catch (AccessKeyDecryptionException ex) {
			throw SdkClientException.create("The stored key " + label + " could not be decrypted", ex);
		}
	}

	/** Nothing to search: a member with no keys stores one on the keys page. */
	@Override
	public boolean offersOneTimeKeys() {
		return true;
	}

	@Override
	public List<SearchedPlace> searched() {
		return List.of();
	}

	static Optional<Long> id(String sourceId) {
		if (sourceId == null || !sourceId.startsWith(ID_PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Long.parseLong(sourceId.substring(ID_PREFIX.length())));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
