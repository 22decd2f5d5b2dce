package dev.mfaportal.terminal;

import java.nio.file.Path;
import java.time.Clock;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.rotation.HeldSessions;
import dev.mfaportal.sts.StsGateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Local mode (and the demo) only: team mode never holds or serves credentials, so none of
 * this is loaded there and {@link TerminalSecurityConfig} answers 404.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!team")
class TerminalConfiguration {

	@Bean
	TerminalToken terminalToken(
			@Value("${portal.terminal.token-file:${portal.data-dir}/terminal-token}") Path tokenFile) {
		return new TerminalToken(tokenFile);
	}

	@Bean
	ServedRoles servedRoles(StsGateway sts, ApplicationEventPublisher events, Clock clock) {
		return new ServedRoles(sts, events, clock);
	}

	/** The served session on the issuing pages: the form and the result. */
	@Bean
	WebMvcConfigurer servedSessionPages(HeldSession held, TerminalToken token, CredentialSources sources) {
		ServedSessionPages pages = new ServedSessionPages(held, token, sources);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(pages).addPathPatterns("/", "/session-token");
			}

		};
	}

	/** The held session, for rotating the vault key that made it without a code. */
	@Bean
	HeldSessions heldRotationSessions(HeldSession held) {
		return new HeldRotationSessions(held);
	}

	@Bean
	HeldSession heldSession(CredentialSources sources, Clock clock) {
		return new HeldSession(sources, clock);
	}

}
