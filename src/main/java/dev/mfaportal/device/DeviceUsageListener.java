package dev.mfaportal.device;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.LastUse;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers when each saved device last gave credentials, so the form offers the most
 * recently used first.
 */
@Component
class DeviceUsageListener {

	private final DeviceRepository devices;

	DeviceUsageListener(DeviceRepository devices) {
		this.devices = devices;
	}

	@EventListener
	void on(CredentialsIssued issued) {
		IssueAttempt attempt = issued.attempt();
		LastUse.record("a saved device",
				() -> this.devices.markUsed(attempt.actor(), attempt.serialNumber(), attempt.at()));
	}

}
