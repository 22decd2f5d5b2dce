package dev.mfaportal.vault;

import java.nio.file.Path;
import java.time.Clock;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.rotation.RotatableKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Local mode's vault. Team mode keeps each member's keys in its database
 * ({@code dev.mfaportal.accesskey}); the demo has its emulated user.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!demo & !team")
@EnableConfigurationProperties(VaultSettings.class)
class VaultConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(VaultConfiguration.class);

	@Bean
	SelectedVault keyVault(VaultSettings settings, Clock clock, @Value("${portal.data-dir}") Path dataDir) {
		VaultSettings resolved = (settings.file() != null) ? settings
				: new VaultSettings(settings.backend(), dataDir.resolve("vault"), settings.keychainService());
		return new SelectedVault(resolved, clock);
	}

	/** Rotation of the vault's keys ({@code POST /keys/{id}/rotate}). */
	@Bean
	RotatableKeys vaultRotatableKeys(SelectedVault vault, CredentialSources sources) {
		return new VaultRotatableKeys(vault, sources);
	}

	/** Which store is in use, and why not the keychain, said once the portal is up. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> vaultStartupLog(SelectedVault vault) {
		return (ready) -> logger.info(vault.startupLine());
	}

}
