package dev.mfaportal.operations;

import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Running the portal.
 *
 * @param scrapeToken team mode: the bearer token that a Prometheus scraper sends
 * ({@code Authorization: Bearer ...}) for {@code /actuator/prometheus}, and that opens
 * nothing else; at least 32 characters ({@code openssl rand -hex 32}). Unset, only an
 * admin's browser session reads the metrics.
 */
@ConfigurationProperties("portal.operations")
@Validated
record ScrapeSettings(@Size(min = 32) String scrapeToken) {

	ScrapeSettings {
		// An empty environment variable (compose's ${VAR:-}) means none.
		scrapeToken = (scrapeToken != null && !scrapeToken.isBlank()) ? scrapeToken : null;
	}

	/** Says whether a token is set, never the token. */
	@Override
	public String toString() {
		return "ScrapeSettings[scrapeToken=" + ((this.scrapeToken != null) ? "(set)" : "null") + "]";
	}

}
