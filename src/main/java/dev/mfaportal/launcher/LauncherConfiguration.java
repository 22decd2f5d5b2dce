package dev.mfaportal.launcher;

import java.lang.ProcessBuilder.Redirect;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** The browser opener of local mode, on this machine's platform. */
@Configuration(proxyBeanMethods = false)
@Profile("!team")
class LauncherConfiguration {

	@Bean
	BrowserOpener browserOpener(LaunchSettings settings, Environment environment, MessageSource messages) {
		return new BrowserOpener(settings, environment, messages, BrowserOpener.Platform.current(),
				(command) -> new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
					.redirectError(Redirect.DISCARD)
					.start(),
				System.out);
	}

}
