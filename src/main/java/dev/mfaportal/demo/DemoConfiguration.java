package dev.mfaportal.demo;

import java.time.Clock;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.StsEmulatorServer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts the STS emulator on a loopback port and points the portal's only credential
 * source at it. The portal still talks to it over HTTP through the SDK, exactly as it
 * talks to AWS.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

	@Bean(destroyMethod = "close")
	StsEmulatorServer demoStsEmulator(@Value("${portal.demo.emulator-port:0}") int port) {
		return StsEmulatorServer.start(EmulatorSettings.demo(), Clock.systemUTC(), port);
	}

	@Bean
	CredentialSources demoCredentialSources(StsEmulatorServer emulator) {
		return new DemoCredentialSources(emulator.endpoint());
	}

}
