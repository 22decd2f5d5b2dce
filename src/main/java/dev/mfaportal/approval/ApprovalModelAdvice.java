package dev.mfaportal.approval;

import dev.mfaportal.approval.Approvals.PendingCounts;
import dev.mfaportal.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The pending counts in every page's navigation: the member's own requests waiting, and
 * the requests waiting for the member's answer. Until events reach approvers elsewhere,
 * this is how they learn of a request.
 */
@ControllerAdvice
@Profile("team")
class ApprovalModelAdvice {

	private static final Logger logger = LoggerFactory.getLogger(ApprovalModelAdvice.class);

	private final ObjectProvider<Approvals> approvals;

	/**
	 * @param approvals the approvals, absent in a web slice that loads the advice but not
	 * the feature's configuration: then no counts
	 */
	ApprovalModelAdvice(ObjectProvider<Approvals> approvals) {
		this.approvals = approvals;
	}

	@ModelAttribute("approvalCounts")
	PendingCounts approvalCounts() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return null;
		}
		Approvals available = this.approvals.getIfAvailable();
		if (available == null) {
			return null;
		}
		try {
			return available.counts(Actor.current());
		}
		catch (DataAccessException ex) {
			// A page without its counts is better than no page.
			logger.debug("Approval counts not shown: {}", ex.getMessage());
			return null;
		}
	}

}
