package dev.mfaportal.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the audit history is kept.
 *
 * @param retentionDays rows older than this many days are deleted
 * @param purgeCron when they are deleted, as a Spring cron expression in the server's
 * time zone ({@code -} turns the purge off); read by {@link AuditRetention}'s
 * {@code @Scheduled}
 */
@ConfigurationProperties("portal.audit")
@Validated
public record AuditSettings(@Min(1) @DefaultValue("90") int retentionDays,
		@NotBlank @DefaultValue(AuditSettings.DEFAULT_PURGE_CRON) String purgeCron) {

	static final String DEFAULT_PURGE_CRON = "0 17 3 * * *";

}
