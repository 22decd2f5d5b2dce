package dev.mfaportal.accesskey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or unusable encryption key into the start-up report's "Description" and
 * "Action", instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class EncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<EncryptionKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EncryptionKeyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
