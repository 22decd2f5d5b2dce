package dev.mfaportal.accesskey;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.issuing.RenewLinkKey;
import dev.mfaportal.limit.FingerprintKey;
import dev.mfaportal.sts.StsSettings;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;

/**
 * Team mode: each member's stored keys are the credential sources, and the encryption key
 * must be configured.
 */
@Configuration(proxyBeanMethods = false)
@Profile("team")
@EnableConfigurationProperties(EncryptionSettings.class)
class AccessKeyConfiguration {

	/**
	 * Built at start-up even under lazy initialization, so that a missing or bad key
	 * stops the portal before anyone can store a key, not at the first request.
	 */
	@Bean
	@Lazy(false)
	AccessKeyCipher accessKeyCipher(EncryptionSettings settings) {
		return AccessKeyCipher.from(settings);
	}

	/**
	 * Every instance recognises the others' used MFA codes, also while some still run on
	 * the old encryption key and some on the new one.
	 */
	@Bean
	FingerprintKey sharedFingerprintKey(StoredFingerprintKey stored) {
		byte[] key = stored.load();
		return () -> key.clone();
	}

	/**
	 * A renew link one instance signed verifies on the others, also across an encryption
	 * key roll: the links derive their key from this same stored secret (under a label of
	 * their own, so neither use can stand in for the other).
	 */
	@Bean
	RenewLinkKey sharedRenewLinkKey(FingerprintKey shared) {
		return shared::bytes;
	}

	@Bean
	CredentialSources storedKeyCredentialSources(StoredAccessKeys keys, StsSettings settings) {
		return new StoredKeyCredentialSources(keys, settings);
	}

}
