package dev.mfaportal.issuing;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.sts.StsCallException;

/**
 * What the form shows after STS refused: our explanation (by message key, with the region, the
 * source and the duration as arguments {0}, {1}, {2}), and STS's own words with its request id.
 */
record FailureView(String messageKey, Object[] arguments, String errorCode, String stsMessage, String requestId) {

	FailureView(StsCallException failure, CredentialSource source, IssueForm form) {
		this(failure.failure().messageKey(), new Object[] { source.region(), source.name(), form.durationSeconds() },
				failure.errorCode(), failure.stsMessage(), failure.requestId());
	}

}
