package dev.mfaportal.issuing;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsFailure;

/**
 * What the form shows after STS refused: our explanation (by message key, with the
 * region, the source, the duration and the role's name as arguments {0} to {3}), and
 * STS's own words with its request id.
 */
record FailureView(String messageKey, Object[] arguments, String errorCode, String stsMessage, String requestId) {

	FailureView(StsCallException failure, CredentialSource source, IssueForm form) {
		this(messageKey(failure, source),
				new Object[] { source.region(), source.name(), form.durationSeconds(), roleName(form.roleArn()) },
				failure.errorCode(), failure.stsMessage(), failure.requestId());
	}

	private static String roleName(String roleArn) {
		return (roleArn != null && roleArn.contains("/")) ? roleArn.substring(roleArn.lastIndexOf('/') + 1) : "";
	}

	/** A stored key that can't be used needs other advice than a local profile. */
	private static String messageKey(StsCallException failure, CredentialSource source) {
		if (failure.failure() == StsFailure.NO_CREDENTIALS && source.kind() == CredentialSource.Kind.STORED_KEY) {
			return "accesskey.failure.noCredentials";
		}
		return failure.failure().messageKey();
	}

}
