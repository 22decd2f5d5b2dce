package dev.mfaportal.policy;

/**
 * The policy file named by {@code portal.team.policy-file} can't be read or is not a
 * policy: the portal does not start, since it would not know whom to refuse.
 */
class PolicyStartupException extends RuntimeException {

	PolicyStartupException(String message) {
		super(message, null, false, false);
	}

}
