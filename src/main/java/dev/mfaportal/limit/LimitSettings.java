package dev.mfaportal.limit;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many wrong MFA codes the portal forwards.
 *
 * @param maxFailures failed attempts per person and device allowed within {@code window}
 * @param window the sliding window for {@code maxFailures}
 * @param lockAfter consecutive failures after which the device is locked until its owner
 * confirms
 * @param codeWindow how long a code counts as used: its 30-second step and the steps STS
 * accepts around it
 * @param attemptRetention how long attempt records are kept (locks stay until lifted)
 */
@ConfigurationProperties("portal.limits")
@Validated
public record LimitSettings(@Min(1) @DefaultValue("5") int maxFailures, @NotNull @DefaultValue("15m") Duration window,
		@Min(1) @DefaultValue("10") int lockAfter, @NotNull @DefaultValue("90s") Duration codeWindow,
		@NotNull @DefaultValue("90d") Duration attemptRetention) {

}
