package dev.mfaportal.credentialsource;

import java.util.List;
import java.util.Optional;

import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.StsCaller;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The long-term keys the portal can sign with.
 */
public interface CredentialSources {

	/** The id of a key pair typed in for one call, where {@link #offersOneTimeKeys()}. */
	String ONE_TIME_ID = "once";

	/**
	 * Every usable source, the one the person's shell would use first. Read afresh each
	 * time.
	 */
	List<CredentialSource> list();

	/** What signs STS calls for the source. */
	StsCaller caller(CredentialSource source);

	/**
	 * The source a form names: one of those listed, or, where one-time keys are offered,
	 * the key pair typed in (id {@value #ONE_TIME_ID}), already checked for its shape.
	 * @param id the source's id
	 * @param listed what {@link #list()} gave for this request
	 * @param typed the key pair typed in, for {@value #ONE_TIME_ID}
	 * @param region the region a typed key signs for
	 * @return the source, or empty when there is none of that id
	 */
	default Optional<CredentialSource> resolve(String id, List<CredentialSource> listed, TypedKey typed,
			String region) {
		if (ONE_TIME_ID.equals(id) && offersOneTimeKeys()) {
			return Optional.of(new CredentialSource(ONE_TIME_ID, CredentialSource.Kind.ONE_TIME, "one-time key",
					AccessKeys.mask(typed.accessKeyId()), false, region, null, false));
		}
		return listed.stream().filter((source) -> source.id().equals(id)).findFirst();
	}

	/**
	 * What signs STS calls for a source {@link #resolve} gave: the typed key for a
	 * one-time source, used for this call and kept nowhere.
	 */
	default StsCaller caller(CredentialSource source, TypedKey typed) {
		if (source.kind() == CredentialSource.Kind.ONE_TIME) {
			return new StsCaller(source.id(),
					StaticCredentialsProvider
						.create(AwsBasicCredentials.create(typed.accessKeyId(), typed.secretAccessKey())),
					source.region(), null);
		}
		return caller(source);
	}

	/** Where {@link #list()} looked, for the page that explains an empty list. */
	List<SearchedPlace> searched();

	/**
	 * Whether the form may also take a key pair typed in for one call (team mode: a
	 * member who would rather not store a key).
	 */
	default boolean offersOneTimeKeys() {
		return false;
	}

	/**
	 * Every {@code mfa_serial} the person's AWS config names, for importing as saved
	 * devices.
	 */
	default List<ProfileMfaDevice> mfaDevices() {
		return List.of();
	}

	/**
	 * The role profiles ({@code role_arn} with {@code source_profile}) of the person's
	 * AWS config, by name; none outside local and demo mode.
	 */
	default List<RoleProfile> roleProfiles() {
		return List.of();
	}

	/**
	 * The state of local mode's vault, for the form that says it is locked; off
	 * elsewhere.
	 */
	default VaultState vaultState() {
		return KeyVault.none().state();
	}

}
