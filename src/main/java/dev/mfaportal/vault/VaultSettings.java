package dev.mfaportal.vault;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where local mode's vault keeps long-term keys (README, "Keep your keys in the vault").
 *
 * @param backend {@code auto} (the keychain when a secret store answers, else the file),
 * {@code keychain}, {@code file} or {@code none}
 * @param file the encrypted file; default {@code ${portal.data-dir}/vault}
 * @param keychainService the service name the keychain items carry
 */
@ConfigurationProperties("portal.vault")
record VaultSettings(@DefaultValue("auto") Backend backend, Path file,
		@DefaultValue("mfa-portal") String keychainService) {

	/** The stores, as {@code portal.vault.backend} names them. */
	enum Backend {

		AUTO, KEYCHAIN, FILE, NONE

	}

}
