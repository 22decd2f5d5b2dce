package dev.mfaportal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * MFA Portal: turns an MFA code into temporary AWS credentials, in a browser.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MfaPortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(MfaPortalApplication.class, args);
	}

}
