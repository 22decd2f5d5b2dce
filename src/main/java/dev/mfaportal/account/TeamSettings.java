package dev.mfaportal.account;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Team mode.
 *
 * @param adminUsername the first admin, created at first start when no member exists yet
 * @param adminPassword that admin's password; when empty a one-time password is printed
 * instead
 * @param requirePostgresql refuse to start on anything but PostgreSQL
 * @param sessionAbsoluteTimeout a session ends this long after sign-in, however active
 * @param loginMaxFailures failed sign-ins per account within {@code loginWindow}
 * @param loginMaxFailuresPerAddress failed sign-ins per client address within
 * {@code loginWindow}
 * @param loginWindow the sliding window for both
 * @param oneTimePasswordTtl a one-time password (the first admin's, a new member's, a
 * reset) signs in once, within this long after it was made
 */
@ConfigurationProperties("portal.team")
@Validated
public record TeamSettings(@DefaultValue("admin") String adminUsername, String adminPassword,
		@DefaultValue("false") boolean requirePostgresql, @NotNull @DefaultValue("12h") Duration sessionAbsoluteTimeout,
		@Min(1) @DefaultValue("5") int loginMaxFailures, @Min(1) @DefaultValue("20") int loginMaxFailuresPerAddress,
		@NotNull @DefaultValue("15m") Duration loginWindow, @NotNull @DefaultValue("24h") Duration oneTimePasswordTtl) {

}
