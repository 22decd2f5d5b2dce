package dev.mfaportal.yubikey;

import dev.mfaportal.issuing.HardwareCodes;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Local mode only: a hosted portal has no YubiKey of the person's, and must never run
 * programs for its members.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!team")
@EnableConfigurationProperties(YkmanSettings.class)
class YkmanConfiguration {

	@Bean
	HardwareCodes ykmanCodes(YkmanSettings settings) {
		return new YkmanCodes(settings);
	}

}
