package dev.mfaportal.issuing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsFailure;

/**
 * What the form shows after STS refused: our explanation (by message key, with the
 * region, the source, the duration and the role's name as arguments {0} to {3}), and
 * STS's own words with its request id. When the role's trust lacks what team mode sends
 * to name the member, also the trust policy statement that adds it.
 */
record FailureView(String messageKey, Object[] arguments, String errorCode, String stsMessage, String requestId,
		String trustStatement) {

	/** Who STS says asked: the principal the statement must name. */
	private static final Pattern CALLER = Pattern
		.compile("^User: (arn:aws[\\w-]*:(?:iam|sts)::\\d{12}:[\\w+=,.@/-]+) ");

	private static final Pattern ACCOUNT = Pattern.compile("^arn:aws[\\w-]*:iam::(\\d{12}):");

	FailureView(StsCallException failure, CredentialSource source, IssueForm form) {
		this(messageKey(failure, source),
				new Object[] { source.region(), source.name(), form.durationSeconds(), roleName(form.roleArn()) },
				failure.errorCode(), failure.stsMessage(), failure.requestId(),
				(failure.failure() == StsFailure.MEMBER_NAME_NOT_TRUSTED)
						? trustStatement(failure.stsMessage(), form.roleArn()) : null);
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

	/**
	 * The statement that lets the caller STS named set a source identity and tag the
	 * session; both actions, since the portal sends both and STS names only the first it
	 * found missing. Without a caller in STS's words, the role's account, whose trust an
	 * admin can narrow.
	 */
	static String trustStatement(String stsMessage, String roleArn) {
		Matcher caller = CALLER.matcher((stsMessage != null) ? stsMessage : "");
		String principal;
		if (caller.find()) {
			principal = caller.group(1);
		}
		else {
			Matcher account = ACCOUNT.matcher((roleArn != null) ? roleArn : "");
			principal = "arn:aws:iam::" + (account.find() ? account.group(1) : "ACCOUNT-ID") + ":root";
		}
		return """
				{
				  "Effect": "Allow",
				  "Principal": {"AWS": "%s"},
				  "Action": ["sts:SetSourceIdentity", "sts:TagSession"]
				}""".formatted(principal);
	}

}
