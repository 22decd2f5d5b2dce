package dev.mfaportal.sts;

import java.util.Optional;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * The checks every form that feeds STS shares (the issuing form, saved devices), so STS
 * never sees a value it would reject for its shape. Error codes are message keys,
 * {@code form.<field>.<why>}.
 */
public final class StsInputRules {

	private StsInputRules() {
	}

	public static void serialNumber(String serial, Errors errors) {
		if (!StringUtils.hasText(serial)) {
			errors.rejectValue("serialNumber", "form.serialNumber.required");
			return;
		}
		Optional<String> suggestion = StsModel.mfaArnForUserArn(serial);
		if (suggestion.isPresent()) {
			errors.rejectValue("serialNumber", "form.serialNumber.userArn", new Object[] { suggestion.get() }, null);
			return;
		}
		if (serial.length() < StsModel.SERIAL_MIN || serial.length() > StsModel.SERIAL_MAX) {
			errors.rejectValue("serialNumber", "form.serialNumber.length",
					new Object[] { StsModel.SERIAL_MIN, StsModel.SERIAL_MAX, serial.length() }, null);
			return;
		}
		if (!StsModel.SERIAL_CHARACTERS.matcher(serial).matches()) {
			errors.rejectValue("serialNumber", "form.serialNumber.characters");
			return;
		}
		if (serial.startsWith("arn:") && !StsModel.MFA_ARN.matcher(serial).matches()) {
			errors.rejectValue("serialNumber", "form.serialNumber.notMfaArn");
		}
	}

	public static void tokenCode(String code, Errors errors) {
		if (!StringUtils.hasText(code)) {
			errors.rejectValue("tokenCode", "form.tokenCode.required");
		}
		else if (!StsModel.TOKEN_CODE.matcher(code).matches()) {
			errors.rejectValue("tokenCode", "form.tokenCode.format");
		}
	}

	public static void durationSeconds(String duration, Errors errors) {
		// As text: MessageFormat would print 129600 as "129,600", which the field would
		// not take.
		Object[] bounds = { String.valueOf(StsModel.DURATION_MIN), String.valueOf(StsModel.DURATION_MAX) };
		if (!StringUtils.hasText(duration)) {
			errors.rejectValue("durationSeconds", "form.durationSeconds.required", bounds, null);
			return;
		}
		if (!duration.matches("\\d{1,9}")) {
			errors.rejectValue("durationSeconds", "form.durationSeconds.number", bounds, null);
			return;
		}
		int seconds = Integer.parseInt(duration);
		if (seconds < StsModel.DURATION_MIN || seconds > StsModel.DURATION_MAX) {
			errors.rejectValue("durationSeconds", "form.durationSeconds.range", bounds, null);
		}
	}

	public static void profileName(String profile, Errors errors) {
		if (!StsModel.isProfileName(profile)) {
			errors.rejectValue("profileName", "form.profileName.format");
		}
	}

	/**
	 * A role to assume: its ARN, the session name (optional) and the external id
	 * (optional).
	 */
	public static void role(String roleArn, String sessionName, String externalId, String duration, Errors errors) {
		if (!StringUtils.hasText(roleArn)) {
			return;
		}
		if (roleArn.length() < 20 || roleArn.length() > 2048 || !StsModel.ROLE_ARN.matcher(roleArn).matches()) {
			errors.rejectValue("roleArn", "form.roleArn.format");
		}
		if (StringUtils.hasText(sessionName) && !StsModel.ROLE_SESSION_NAME.matcher(sessionName).matches()) {
			errors.rejectValue("roleSessionName", "form.roleSessionName.format");
		}
		if (StringUtils.hasText(externalId) && !StsModel.EXTERNAL_ID.matcher(externalId).matches()) {
			errors.rejectValue("externalId", "form.externalId.format");
		}
		if (duration != null && duration.matches("\\d{1,9}") && Integer.parseInt(duration) > StsModel.ROLE_DURATION_MAX
				&& !errors.hasFieldErrors("durationSeconds")) {
			errors.rejectValue("durationSeconds", "form.durationSeconds.roleRange",
					new Object[] { String.valueOf(StsModel.DURATION_MIN), String.valueOf(StsModel.ROLE_DURATION_MAX) },
					null);
		}
	}

}
