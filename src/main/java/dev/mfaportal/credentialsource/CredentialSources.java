package dev.mfaportal.credentialsource;

import java.util.List;
import java.util.Optional;

import dev.mfaportal.sts.StsCaller;

/**
 * The long-term keys the portal can sign with.
 */
public interface CredentialSources {

	/**
	 * Every usable source, the one the person's shell would use first. Read afresh each
	 * time.
	 */
	List<CredentialSource> list();

	default Optional<CredentialSource> find(String id) {
		return list().stream().filter((source) -> source.id().equals(id)).findFirst();
	}

	/** What signs STS calls for the source. */
	StsCaller caller(CredentialSource source);

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

}
