package dev.mfaportal.account;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link TeamStartupException} into Spring Boot's "APPLICATION FAILED TO START"
 * text.
 */
class TeamStartupFailureAnalyzer extends AbstractFailureAnalyzer<TeamStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TeamStartupException cause) {
		return new FailureAnalysis("MFA Portal can't start in team mode: " + cause.getMessage(), cause.action(), cause);
	}

}
