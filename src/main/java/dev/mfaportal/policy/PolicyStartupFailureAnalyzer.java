package dev.mfaportal.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link PolicyStartupException} into Spring Boot's "APPLICATION FAILED TO START"
 * text: which file, which line, what is wrong.
 */
class PolicyStartupFailureAnalyzer extends AbstractFailureAnalyzer<PolicyStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PolicyStartupException cause) {
		return new FailureAnalysis("MFA Portal can't start in team mode: " + cause.getMessage(),
				"Correct the policy file (docs/team-policy.md shows its shape), or unset portal.team.policy-file "
						+ "to allow every member anything STS accepts.",
				cause);
	}

}
