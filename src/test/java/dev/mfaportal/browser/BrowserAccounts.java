package dev.mfaportal.browser;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.support.EmulatedAccounts;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The browser tests' users as the portal's credential sources, each signing for the
 * emulator.
 */
@TestConfiguration(proxyBeanMethods = false)
class BrowserAccounts {

	@Bean
	@Primary
	CredentialSources browserSources() {
		return new EmulatedAccounts(PortalInBrowser.USERS);
	}

}
