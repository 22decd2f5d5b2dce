package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Console sign-in through the AWS federation endpoint.
 *
 * @param federationEndpoint the endpoint that turns role credentials into a sign-in token
 * @param destination where the console opens
 * @param timeout how long to wait for the endpoint
 */
@ConfigurationProperties("portal.console")
@Validated
public record ConsoleSettings(@NotNull @DefaultValue("https://signin.aws.amazon.com/federation") URI federationEndpoint,
		@NotNull @DefaultValue("https://console.aws.amazon.com/") URI destination,
		@NotNull @DefaultValue("5s") Duration timeout) {

}
