package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal reaches STS.
 *
 * @param region region for every call, overriding the environment and the profile
 * @param defaultRegion region when neither this setting, the environment nor the profile
 * names one
 * @param endpoint STS endpoint, overriding the SDK's own {@code AWS_ENDPOINT_URL_STS} /
 * {@code AWS_ENDPOINT_URL} / profile {@code endpoint_url} support
 * @param connectTimeout how long to wait for a connection to STS
 * @param callTimeout how long one STS call may take in all; the page answers within it
 */
@ConfigurationProperties("portal.sts")
@Validated
public record StsSettings(String region, @NotBlank @DefaultValue("us-east-1") String defaultRegion, URI endpoint,
		@NotNull @DefaultValue("3s") Duration connectTimeout, @NotNull @DefaultValue("20s") Duration callTimeout) {

	/**
	 * The region for keys that carry none of their own: the configured one, else the
	 * default.
	 */
	public String regionOrDefault() {
		return (this.region != null && !this.region.isBlank()) ? this.region : this.defaultRegion;
	}

}
