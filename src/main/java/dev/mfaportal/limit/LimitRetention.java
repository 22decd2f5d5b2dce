package dev.mfaportal.limit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets attempt records once they are older than the retention, daily.
 */
@Component
class LimitRetention {

	private static final Logger logger = LoggerFactory.getLogger(LimitRetention.class);

	private final AttemptRepository attempts;

	private final LimitSettings settings;

	private final Clock clock;

	LimitRetention(AttemptRepository attempts, LimitSettings settings, Clock clock) {
		this.attempts = attempts;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(cron = "${portal.limits.purge-cron:0 23 3 * * *}")
	int purge() {
		int deleted = this.attempts.deleteBefore(this.clock.instant().minus(this.settings.attemptRetention()));
		logger.info("Purged {} attempt records older than {}", deleted, this.settings.attemptRetention());
		return deleted;
	}

}
