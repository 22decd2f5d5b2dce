package dev.mfaportal.operations;

import java.util.Locale;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueFailed;
import dev.mfaportal.issuing.IssueRejected;
import dev.mfaportal.limit.DeviceLocked;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts what the features announce, as the audit does, without their knowing:
 * <ul>
 * <li>{@code portal.issues}: every attempt by {@code outcome} ({@code issued},
 * {@code failed}, {@code rejected}) and {@code reason} (the STS failure or the portal's
 * refusal, {@code none} when issued);</li>
 * <li>{@code portal.attempts.refused}: attempts the limits refused without calling STS,
 * by {@code reason} ({@code attempt_limit}, {@code device_locked},
 * {@code code_reused});</li>
 * <li>{@code portal.devices.locked}: devices locked after too many failures in a
 * row;</li>
 * <li>{@code portal.logins}: sign-ins in team mode by {@code outcome}. Only interactive
 * successes count, and a scrape with the scrape token is no sign-in.</li>
 * </ul>
 */
@Component
class PortalMetrics {

	private final MeterRegistry registry;

	PortalMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void on(CredentialsIssued event) {
		issues("issued", "none");
	}

	@EventListener
	void on(IssueFailed event) {
		issues("failed", tag(event.failure().name()));
	}

	@EventListener
	void on(IssueRejected event) {
		String reason = tag(event.reason().name());
		issues("rejected", reason);
		if (event.reason() != IssueRejected.Reason.INVALID_INPUT) {
			Counter.builder("portal.attempts.refused")
				.description("Attempts the attempt limits answered without calling STS")
				.tag("reason", reason)
				.register(this.registry)
				.increment();
		}
	}

	@EventListener
	void on(DeviceLocked event) {
		Counter.builder("portal.devices.locked")
			.description("Devices locked after too many wrong codes in a row")
			.register(this.registry)
			.increment();
	}

	@EventListener
	void on(InteractiveAuthenticationSuccessEvent event) {
		logins("success");
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		logins("failure");
	}

	private void issues(String outcome, String reason) {
		Counter.builder("portal.issues")
			.description("Attempts to get temporary credentials, by how they ended")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	private void logins(String outcome) {
		Counter.builder("portal.logins")
			.description("Sign-ins to team mode, by how they ended")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private static String tag(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
