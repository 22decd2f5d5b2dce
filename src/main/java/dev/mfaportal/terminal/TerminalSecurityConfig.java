package dev.mfaportal.terminal;

import dev.mfaportal.security.BrowserDefences;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The terminal endpoints' own chain, ahead of the page chains: stateless (no session is
 * read or created, so a cookie admits no one, nor does the launch token), the terminal
 * token as the only way in, no CORS configured so no grant is ever sent, and the same
 * headers and Host allowlist (the shared firewall) as every page. In team mode the same
 * paths answer 404 whoever asks.
 */
@Configuration(proxyBeanMethods = false)
class TerminalSecurityConfig {

	static final String[] PATHS = { "/credentials", "/credentials/**" };

	/**
	 * Every route of this feature, the page buttons included: none exists in team mode.
	 */
	static final String[] ALL_PATHS = { "/credentials", "/credentials/**", "/terminal/**" };

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@Profile("!team")
	SecurityFilterChain terminalEndpoints(HttpSecurity http, TerminalToken token, MessageSource messages)
			throws Exception {
		return stateless(http.securityMatcher(PATHS))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.addFilterBefore(new TerminalTokenFilter(token, messages), AuthorizationFilter.class)
			.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@Profile("team")
	SecurityFilterChain noTerminalEndpoints(HttpSecurity http) throws Exception {
		return stateless(http.securityMatcher(ALL_PATHS))
			.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> response.sendError(404))
				.accessDeniedHandler((request, response, ex) -> response.sendError(404)))
			.build();
	}

	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return BrowserDefences.apply(http)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			// CSRF stays on as on every chain: the endpoints are GET only, which it
			// lets through, and any other method is refused before a handler runs
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable());
	}

}
