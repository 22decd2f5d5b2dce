package dev.mfaportal.launcher;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mfaportal.security.BrowserDefences;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The browser opener of local mode, on this machine's platform, and what a second start
 * asks for a fresh launch link.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!team")
class LauncherConfiguration {

	/** How long a redirect page stays for the browser to read it. */
	static final Duration PAGE_KEPT = Duration.ofSeconds(60);

	@Bean
	RunFile runFile(@Value("${portal.launch.folder:${portal.data-dir}}") Path folder) {
		return new RunFile(folder);
	}

	/**
	 * {@code /launch/again} takes no session and no cookie: only the secret of
	 * {@code portal-run} ({@link LaunchAgainController}).
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain launchAgain(HttpSecurity http) throws Exception {
		return BrowserDefences.apply(http.securityMatcher(LaunchAgainController.PATH))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.build();
	}

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
