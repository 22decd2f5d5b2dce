package dev.mfaportal.launcher;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** The browser opener of local mode, on this machine's platform. */
@Configuration(proxyBeanMethods = false)
@Profile("!team")
class LauncherConfiguration {

	/** How long a redirect page stays for the browser to read it. */
	static final Duration PAGE_KEPT = Duration.ofSeconds(60);

	@Bean
	BrowserOpener browserOpener(LaunchSettings settings, Environment environment, MessageSource messages,
			@Value("${portal.launch.folder:${portal.data-dir}}") Path folder) {
		return new BrowserOpener(settings, environment, messages, BrowserOpener.Platform.current(),
				(command) -> new ProcessBuilder(command).redirectOutput(Redirect.DISCARD)
					.redirectError(Redirect.DISCARD)
					.start(),
				System.out, folder, CompletableFuture.delayedExecutor(PAGE_KEPT.toSeconds(), TimeUnit.SECONDS));
	}

}
