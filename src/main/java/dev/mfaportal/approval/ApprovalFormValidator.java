package dev.mfaportal.approval;

import dev.mfaportal.sts.StsModel;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * The shape of a request and of an answer's note, before any rule is asked: a role ARN as
 * STS takes it, a length a role can have, and a reason and note of plain text that fit
 * their columns. Error codes are message keys.
 */
final class ApprovalFormValidator {

	private ApprovalFormValidator() {
	}

	static void validate(ApprovalForm form, Errors errors) {
		String roleArn = form.roleArn();
		if (!StringUtils.hasText(roleArn)) {
			errors.rejectValue("roleArn", "approval.roleArn.required");
		}
		else if (roleArn.length() > ApprovalRepository.ROLE_ARN_SIZE || !StsModel.ROLE_ARN.matcher(roleArn).matches()) {
			errors.rejectValue("roleArn", "approval.roleArn.format");
		}
		Object[] bounds = { String.valueOf(StsModel.DURATION_MIN), String.valueOf(StsModel.ROLE_DURATION_MAX) };
		String duration = form.durationSeconds();
		if (duration == null || !duration.matches("\\d{1,9}") || Integer.parseInt(duration) < StsModel.DURATION_MIN
				|| Integer.parseInt(duration) > StsModel.ROLE_DURATION_MAX) {
			errors.rejectValue("durationSeconds", "approval.durationSeconds.range", bounds, null);
		}
		String reason = form.reason();
		if (!StringUtils.hasText(reason)) {
			errors.rejectValue("reason", "approval.reason.required");
		}
		else if (!plainText(reason, ApprovalRepository.TEXT_SIZE)) {
			errors.rejectValue("reason", "approval.reason.format",
					new Object[] { String.valueOf(ApprovalRepository.TEXT_SIZE) }, null);
		}
	}

	/** A note is optional; when given, plain text that fits. */
	static boolean validNote(String note) {
		return note == null || note.isEmpty() || plainText(note, ApprovalRepository.TEXT_SIZE);
	}

	/**
	 * Printable text of at most {@code size} characters: no control characters (NUL,
	 * which PostgreSQL refuses, line breaks that would forge a log line), no lone
	 * surrogate, no direction override that would make a reason read otherwise than it is
	 * stored.
	 */
	static boolean plainText(String text, int size) {
		if (text.length() > size || text.isBlank()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
					|| c == '\uFFFE' || c == '\uFFFF') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
