package dev.mfaportal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes audit rows older than the retention period, once a day. Several instances may
 * each run it: the delete is the same whoever runs it first.
 */
@Component
class AuditRetention {

	private static final Logger logger = LoggerFactory.getLogger(AuditRetention.class);

	private final AuditRepository audit;

	private final AuditSettings settings;

	private final Clock clock;

	AuditRetention(AuditRepository audit, AuditSettings settings, Clock clock) {
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(cron = "${portal.audit.purge-cron:" + AuditSettings.DEFAULT_PURGE_CRON + "}")
	int purge() {
		Instant cutoff = this.clock.instant().minus(Duration.ofDays(this.settings.retentionDays()));
		int deleted = this.audit.deleteBefore(cutoff);
		logger.info("Deleted {} audit rows older than {} days (before {})", deleted, this.settings.retentionDays(),
				cutoff);
		return deleted;
	}

}
