package dev.mfaportal.credentialsource;

import java.nio.file.Path;
import java.util.Map;

import dev.mfaportal.sts.StsSettings;

/**
 * Local mode's real credential sources over a home folder and environment of the test's
 * own, for tests outside this package (the vault's), which must not read the machine's
 * {@code ~/.aws}.
 */
public final class LocalSources {

	private LocalSources() {
	}

	public static CredentialSources of(Map<String, String> environment, Path home, StsSettings settings,
			KeyVault vault) {
		return new LocalCredentialSources(environment::get, home, settings, vault);
	}

}
