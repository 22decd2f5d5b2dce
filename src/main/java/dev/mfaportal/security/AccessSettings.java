package dev.mfaportal.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may reach the portal.
 *
 * @param launchToken whether a browser needs the per-launch link printed at start-up;
 * turn it off only on a machine no one else uses
 * @param allowedHosts host names the {@code Host} header may carry; anything else is
 * refused, which defeats DNS rebinding
 * @param launchLinkLifetime how long a launch link admits a browser, once; starting the
 * portal again while it runs gives a fresh one
 */
@ConfigurationProperties("portal.access")
@Validated
public record AccessSettings(@DefaultValue("true") boolean launchToken, @NotEmpty @DefaultValue( {
		"localhost", "127.0.0.1", "::1" }) List<String> allowedHosts, @DefaultValue("5m") Duration launchLinkLifetime){

}
