package dev.mfaportal.approval;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long requests wait and how often the closing job looks.
 *
 * @param requestValidFor how long a request waits for an answer before it expires
 * @param closeInterval how often each instance closes expired requests and approvals
 */
@ConfigurationProperties("portal.approvals")
record ApprovalSettings(@DefaultValue("24h") Duration requestValidFor, @DefaultValue("1m") Duration closeInterval) {

	ApprovalSettings {
		if (requestValidFor.isNegative() || requestValidFor.isZero()) {
			throw new IllegalArgumentException("portal.approvals.request-valid-for must be positive");
		}
		if (closeInterval.isNegative() || closeInterval.isZero()) {
			throw new IllegalArgumentException("portal.approvals.close-interval must be positive");
		}
	}

}
