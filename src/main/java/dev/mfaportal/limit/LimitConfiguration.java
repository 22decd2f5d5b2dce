package dev.mfaportal.limit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fingerprint key: shared when another feature supplies one, else this process's own.
 */
@Configuration(proxyBeanMethods = false)
class LimitConfiguration {

	@Bean
	CodeFingerprints codeFingerprints(ObjectProvider<FingerprintKey> sharedKey) {
		FingerprintKey key = sharedKey.getIfAvailable();
		return (key != null) ? new CodeFingerprints(key.bytes()) : new CodeFingerprints();
	}

}
