package dev.mfaportal.credentialsource;

import java.nio.file.Path;

import dev.mfaportal.sts.StsSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Local mode reads the person's own AWS setup; the demo brings its own emulated user, and
 * team mode each member's stored keys ({@code dev.mfaportal.accesskey}). Local mode's
 * vault ({@code dev.mfaportal.vault}) implements {@link KeyVault}.
 */
@Configuration(proxyBeanMethods = false)
class CredentialSourceConfiguration {

	@Bean
	@Profile("!demo & !team")
	CredentialSources localCredentialSources(StsSettings settings, ObjectProvider<KeyVault> vault) {
		return new LocalCredentialSources(System::getenv, Path.of(System.getProperty("user.home")), settings,
				vault.getIfAvailable(KeyVault::none));
	}

}
