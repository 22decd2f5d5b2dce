package dev.mfaportal.approval;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Team mode's approvals. The rules come from the team's policy; without one, no rule asks
 * for an approval, so there is nothing to request and nothing to spend.
 */
@Configuration(proxyBeanMethods = false)
@Profile("team")
@EnableConfigurationProperties(ApprovalSettings.class)
class ApprovalConfiguration {

	@Bean
	Approvals approvals(ApprovalRepository repository, ApprovalRules rules, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock, ApprovalSettings settings) {
		return new Approvals(repository, rules, events, new TransactionTemplate(transactions), clock, settings);
	}

	@Bean
	ApprovalSpender approvalGate(ApprovalRepository repository, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock) {
		return new ApprovalSpender(repository, events, new TransactionTemplate(transactions), clock);
	}

	@Bean
	ApprovalCloser approvalCloser(ApprovalRepository repository, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock) {
		return new ApprovalCloser(repository, events, new TransactionTemplate(transactions), clock);
	}

}
