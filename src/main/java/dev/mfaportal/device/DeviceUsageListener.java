package dev.mfaportal.device;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Remembers when each saved device last gave credentials, so the form offers the most
 * recently used first.
 */
@Component
class DeviceUsageListener {

	private static final Logger logger = LoggerFactory.getLogger(DeviceUsageListener.class);

	private final DeviceRepository devices;

	DeviceUsageListener(DeviceRepository devices) {
		this.devices = devices;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		IssueAttempt attempt = issued.attempt();
		try {
			this.devices.markUsed(attempt.actor(), attempt.serialNumber(), attempt.at());
		}
		catch (DataAccessException ex) {
			// The listener runs inside the request that shows the credentials: a sort
			// order is
			// not worth losing credentials that STS has already issued for a spent code.
			logger.warn("Could not record the use of a saved device", ex);
		}
	}

}
