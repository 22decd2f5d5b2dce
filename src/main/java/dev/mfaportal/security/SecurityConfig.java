package dev.mfaportal.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Local mode: everything but the launch link and static files needs the session that the
 * launch link gives; CSRF protects every POST; {@link BrowserDefences} sets the headers
 * and refuses cross-site requests. Team mode has its own chain
 * ({@code dev.mfaportal.account.TeamSecurityConfig}); the firewall and the defences are
 * shared.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessSettings.class)
public class SecurityConfig {

	/** Health and its groups: anonymous in every mode, for probes and load balancers. */
	public static final String[] ACTUATOR_HEALTH = { "/actuator/health", "/actuator/health/**" };

	@Bean
	@Profile("!team")
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccessSettings access) throws Exception {
		LoginUrlAuthenticationEntryPoint launchRequired = new LoginUrlAuthenticationEntryPoint("/launch-required");
		launchRequired.setUseForward(true);
		BrowserDefences.apply(http).authorizeHttpRequests((requests) -> {
			requests
				.requestMatchers("/launch", "/launch-required", "/css/**", "/js/**", "/img/**", "/favicon.ico",
						"/error")
				.permitAll();
			// Operations: health (and its groups) for probes; info and prometheus need
			// the session.
			requests.requestMatchers(ACTUATOR_HEALTH).permitAll();
			if (access.launchToken()) {
				requests.anyRequest().authenticated();
			}
			else {
				requests.anyRequest().permitAll();
			}
		})
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(launchRequired))
			.csrf(Customizer.withDefaults())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable());
		return http.build();
	}

	/**
	 * No Micrometer observation around every security filter, authentication and
	 * authorization: with the actuator's registry present Spring Security wrapped each of
	 * the chain's filters in an observation on every request, a cost the form page paid
	 * for timers nobody reads. Requests are still timed as a whole
	 * ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	WebSecurityCustomizer hostAllowlist(AccessSettings access, MessageSource messages) {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHostnames(new HostAllowlist(access.allowedHosts()));
		return (web) -> web.httpFirewall(firewall).requestRejectedHandler(new RefusedRequestHandler(messages));
	}

}
