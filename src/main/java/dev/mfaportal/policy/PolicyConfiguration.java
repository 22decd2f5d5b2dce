package dev.mfaportal.policy;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Team mode's policy: the file, the answers issuing and approvals ask for, and its health
 * ({@code teamPolicy}, in the readiness group by {@code application-team.properties}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("team")
@EnableConfigurationProperties(PolicySettings.class)
class PolicyConfiguration {

	@Bean
	PolicyFile policyFile(PolicySettings settings, Clock clock, ApplicationEventPublisher events) {
		return new PolicyFile(settings, clock, events);
	}

	@Bean
	TeamPolicy teamPolicy(PolicyFile file, PolicySettings settings) {
		return new TeamPolicy(file, new SignedInGroups(settings.groupsClaim()));
	}

	@Bean
	PolicyHealth teamPolicyHealthIndicator(PolicyFile file) {
		return new PolicyHealth(file);
	}

}
