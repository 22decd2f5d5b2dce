package dev.mfaportal.account;

import java.time.Clock;
import java.util.Map;

import dev.mfaportal.security.BrowserDefences;
import dev.mfaportal.security.SecurityConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Team mode: members sign in with a password (stored with the delegating encoder, bcrypt
 * by default) behind a throttle, or through {@link SingleSignOn} when it is configured;
 * admins alone reach {@code /admin}; logout is a POST that ends the session in the shared
 * store; the headers (HSTS on every response that came over TLS) are
 * {@link BrowserDefences}, shared with local mode.
 */
@Configuration(proxyBeanMethods = false)
@Profile("team")
@EnableConfigurationProperties(TeamSettings.class)
class TeamSecurityConfig {

	static final String SESSION_COOKIE = "MFAPORTAL_SESSION";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new PasswordLength(PasswordEncoderFactories.createDelegatingPasswordEncoder());
	}

	@Bean
	LoginThrottle loginThrottle(JdbcClient jdbc, TeamSettings settings, Clock clock,
			PlatformTransactionManager transactions) {
		return new LoginThrottle(jdbc, settings, clock, transactions);
	}

	/** The same provider as the sign-in page's, so the same throttle counts both. */
	@Bean
	CurrentPasswordCheck currentPasswordCheck(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle,
			SignIns signIns) {
		return new CurrentPasswordCheck(passwords(users, encoder, throttle, signIns));
	}

	@Bean
	SecurityFilterChain teamSecurityFilterChain(HttpSecurity http, UserRepository users, PasswordEncoder encoder,
			LoginThrottle throttle, TeamSettings settings, Clock clock, SingleSignOn singleSignOn, SignIns signIns)
			throws Exception {
		ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
		failures.setDefaultFailureUrl("/login?error");
		failures.setExceptionMappings(
				Map.of(ThrottledAuthenticationProvider.SignInThrottledException.class.getName(), "/login?throttled",
						OneTimePasswordSignIn.OneTimePasswordSpentException.class.getName(), "/login?oneTimeSpent"));
		BrowserDefences.apply(http)
			.authenticationProvider(
					new OneTimePasswordSignIn(passwords(users, encoder, throttle, signIns), users, settings, clock))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers("/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(signIns.succeeded(new SavedRequestAwareAuthenticationSuccessHandler()))
				.failureHandler(failures))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout")
				.invalidateHttpSession(true)
				.deleteCookies(SESSION_COOKIE))
			.csrf(Customizer.withDefaults())
			.addFilterAfter(new MemberSessionFilter(users, settings, clock), AuthorizationFilter.class);
		singleSignOn.configure(http);
		return http.build();
	}

	/**
	 * Operations: {@code /actuator/**} has its own chain, with no login page: health and
	 * its groups are anonymous, the rest needs an admin's browser session. A scraper
	 * doesn't sign in here: it sends the scrape token, which a chain of its own takes
	 * ({@code dev.mfaportal.operations.ScrapeSecurityConfig}). No HTTP Basic, so no
	 * admin's password sits in a scraper's configuration, where a stale one would lock
	 * the admin out.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain teamActuatorFilterChain(HttpSecurity http, UserRepository users, TeamSettings settings,
			Clock clock) throws Exception {
		BrowserDefences.apply(http)
			.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(SecurityConfig.ACTUATOR_HEALTH)
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
			.csrf(Customizer.withDefaults())
			.addFilterAfter(new MemberSessionFilter(users, settings, clock), AuthorizationFilter.class);
		return http.build();
	}

	/**
	 * Not a bean: a UserDetailsService bean would give Spring Security a second,
	 * unthrottled way to check passwords.
	 */
	private static ThrottledAuthenticationProvider passwords(UserRepository users, PasswordEncoder encoder,
			LoginThrottle throttle, SignIns signIns) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new MemberDetailsService(users));
		passwords.setPasswordEncoder(encoder);
		return new ThrottledAuthenticationProvider(passwords, throttle, signIns);
	}

}
