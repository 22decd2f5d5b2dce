package dev.mfaportal.accesskey;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.LastUse;

import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers when each stored key last gave credentials. In team mode every credential
 * source is a stored key and the event names it by its label, which is unique per member.
 */
@Component
@Profile("team")
class AccessKeyUsageListener {

	private final StoredAccessKeys keys;

	AccessKeyUsageListener(StoredAccessKeys keys) {
		this.keys = keys;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		IssueAttempt attempt = issued.attempt();
		LastUse.record("a stored key", () -> this.keys.markUsed(attempt.actor(), attempt.source(), attempt.at()));
	}

}
