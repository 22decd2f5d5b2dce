package dev.mfaportal.approval;

import java.util.Locale;

/**
 * Where a request stands, as stored in {@code approval_request.status}: the names never
 * change. Only {@link #PENDING} can be answered or withdrawn, only {@link #APPROVED} can
 * be spent.
 */
enum ApprovalStatus {

	PENDING, APPROVED, DENIED, WITHDRAWN, EXPIRED, USED;

	String messageKey() {
		return "approval.status." + name().toLowerCase(Locale.ROOT);
	}

}
