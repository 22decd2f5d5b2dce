package dev.mfaportal.approval;

/**
 * A request for an approval, as the form posts it: text, so that anything a person (or a
 * program) sends reaches the validator and is answered in words.
 *
 * @param roleArn the role
 * @param durationSeconds the longest session the approval is to open
 * @param reason why, for the approver
 */
record ApprovalForm(String roleArn, String durationSeconds, String reason) {

	static ApprovalForm empty() {
		return new ApprovalForm("", "3600", "");
	}

	/** Only after {@link ApprovalFormValidator} passed it. */
	int duration() {
		return Integer.parseInt(this.durationSeconds);
	}

}
