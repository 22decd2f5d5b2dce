package dev.mfaportal.profile;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.CredentialsFileKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Local mode (and the demo) write profiles on request; team mode never writes a file, so
 * none of this exists there and its routes answer 404.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!team")
@EnableConfigurationProperties(ProfileSettings.class)
class ProfileConfiguration {

	@Bean
	CredentialsFileProfiles credentialsFileProfiles(ProfileSettings settings, CredentialSources sources) {
		return new CredentialsFileProfiles(settings, AwsFiles.ofThisProcess(), sources);
	}

	/** The vault's moves of key lines, in the file the portal reads keys from. */
	@Bean
	CredentialsFileKeys credentialsFileKeys() {
		return new CredentialsFileKeyLines(AwsFiles.ofThisProcess());
	}

}
