package dev.mfaportal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * MFA Portal: turns an MFA code into temporary AWS credentials, in a browser.
 */
// No generated password: in local mode the launch link is the only way in.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class MfaPortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(MfaPortalApplication.class, args);
	}

}
