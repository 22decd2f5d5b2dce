package dev.mfaportal.accesskey;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Remembers when each stored key last gave credentials. In team mode every credential
 * source is a stored key and the event names it by its label, which is unique per member.
 */
@Component
@Profile("team")
class AccessKeyUsageListener {

	private static final Logger logger = LoggerFactory.getLogger(AccessKeyUsageListener.class);

	private final StoredAccessKeys keys;

	AccessKeyUsageListener(StoredAccessKeys keys) {
		this.keys = keys;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		IssueAttempt attempt = issued.attempt();
		try {
			this.keys.markUsed(attempt.actor(), attempt.source(), attempt.at());
		}
		catch (DataAccessException ex) {
			// The listener runs inside the request that shows the credentials: a "last
			// used" date
			// is not worth losing credentials that STS has already issued for a spent
			// code.
			logger.warn("Could not record the use of a stored key", ex);
		}
	}

}
