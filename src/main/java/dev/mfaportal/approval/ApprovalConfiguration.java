package dev.mfaportal.approval;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
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

	/** No policy: no role asks for an approval. */
	static final ApprovalRules NO_RULES = new ApprovalRules() {

		@Override
		public Optional<ApprovalRule> ruleFor(String member, String roleArn) {
			return Optional.empty();
		}

		@Override
		public boolean mayApprove(String approver, ApprovalRule rule) {
			return false;
		}

	};

	@Bean
	Approvals approvals(ApprovalRepository repository, ObjectProvider<ApprovalRules> rules,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock,
			ApprovalSettings settings) {
		return new Approvals(repository, rules.getIfAvailable(() -> NO_RULES), events,
				new TransactionTemplate(transactions), clock, settings);
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
