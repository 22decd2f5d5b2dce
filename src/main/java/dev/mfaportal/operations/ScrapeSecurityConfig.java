package dev.mfaportal.operations;

import dev.mfaportal.security.BrowserDefences;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * Team mode: a scrape ({@code GET /actuator/prometheus} with a bearer token) has a chain
 * of its own, ahead of every other, that takes the scrape token and nothing else, keeps
 * no session and signs no member in. Every other request, whatever token it carries, goes
 * to the other chains, which ignore bearer tokens.
 */
@Configuration(proxyBeanMethods = false)
@Profile("team")
@EnableConfigurationProperties(ScrapeSettings.class)
class ScrapeSecurityConfig {

	@Bean
	@Order(0)
	SecurityFilterChain scrapeFilterChain(HttpSecurity http, ScrapeSettings settings) throws Exception {
		BrowserDefences.apply(http)
			.securityMatcher(ScrapeToken.SCRAPE)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf(Customizer.withDefaults())
			.addFilterBefore(new ScrapeToken(settings), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(ScrapeToken.AUTHORITY))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
		return http.build();
	}

}
