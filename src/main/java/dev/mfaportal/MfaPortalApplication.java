package dev.mfaportal;

import dev.mfaportal.launcher.SecondStart;

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
		SpringApplication application = new SpringApplication(MfaPortalApplication.class);
		// before the port is bound: a second start asks the running portal for a link
		application.addListeners(new SecondStart());
		application.run(args);
	}

}
