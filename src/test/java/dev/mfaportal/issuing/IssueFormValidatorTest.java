package dev.mfaportal.issuing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import static dev.mfaportal.support.FieldErrors.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STS model's bounds, on both sides of each.
 */
class IssueFormValidatorTest {

	private static final String ARN = "arn:aws:iam::123456789012:mfa/alice";

	private final IssueFormValidator validator = new IssueFormValidator();

	private Errors validate(String serial, String code, String duration, String profile) {
		IssueForm form = new IssueForm("environment", serial, code, duration, profile);
		Errors errors = new BeanPropertyBindingResult(form, "issueForm");
		this.validator.validate(form, errors);
		return errors;
	}

	@Test
	void validateWhenEverythingWithinTheModelThenNoErrors() {
		assertThat(validate(ARN, "123456", "43200", "mfa").hasErrors()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "arn:aws:iam::123456789012:mfa/alice", "arn:aws:iam::123456789012:mfa/team/alice.b@x",
			"arn:aws-us-gov:iam::123456789012:mfa/alice", "arn:aws-cn:iam::123456789012:mfa/alice", "GAHT12345678",
			"ABCDEFGHI" })
	void serialNumberWhenDeviceArnOrHardwareSerialThenAccepted(String serial) {
		assertThat(codeOf(validate(serial, "123456", "3600", "mfa"), "serialNumber")).isNull();
	}

	@Test
	void serialNumberWhenUserArnThenRejectedWithTheMfaArnItProbablyMeant() {
		Errors errors = validate("arn:aws:iam::123456789012:user/division/alice", "123456", "3600", "mfa");
		FieldError error = errors.getFieldError("serialNumber");
		assertThat(error.getCode()).isEqualTo("form.serialNumber.userArn");
		assertThat(error.getArguments()).containsExactly("arn:aws:iam::123456789012:mfa/alice");
	}

	@ParameterizedTest
	@CsvSource({ "'',form.serialNumber.required", "ABCDEFGH,form.serialNumber.length",
			"GAHT 1234567,form.serialNumber.characters", "arn:aws:iam::12345:mfa/alice,form.serialNumber.notMfaArn",
			"arn:aws:iam::123456789012:role/admin,form.serialNumber.notMfaArn",
			"arn:aws:sts::123456789012:mfa/alice,form.serialNumber.notMfaArn",
			"GAHT1234<script>,form.serialNumber.characters" })
	void serialNumberWhenOutsideTheModelThenRejectedWithReason(String serial, String code) {
		assertThat(codeOf(validate(serial, "123456", "3600", "mfa"), "serialNumber")).isEqualTo(code);
	}

	@Test
	void serialNumberWhenLengthAtBoundsThenAcceptedAndBeyondRejected() {
		assertThat(codeOf(validate("A".repeat(9), "123456", "3600", "mfa"), "serialNumber")).isNull();
		assertThat(codeOf(validate("A".repeat(8), "123456", "3600", "mfa"), "serialNumber"))
			.isEqualTo("form.serialNumber.length");
		assertThat(codeOf(validate("A".repeat(256), "123456", "3600", "mfa"), "serialNumber")).isNull();
		assertThat(codeOf(validate("A".repeat(257), "123456", "3600", "mfa"), "serialNumber"))
			.isEqualTo("form.serialNumber.length");
	}

	@ParameterizedTest
	@CsvSource({ "'',form.tokenCode.required", "12345,form.tokenCode.format", "1234567,form.tokenCode.format",
			"12345a,form.tokenCode.format", "١٢٣٤٥٦,form.tokenCode.format" })
	void tokenCodeWhenNotSixDigitsThenRejected(String code, String expected) {
		assertThat(codeOf(validate(ARN, code, "3600", "mfa"), "tokenCode")).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "899,form.durationSeconds.range", "900,", "129600,", "129601,form.durationSeconds.range",
			"'',form.durationSeconds.required", "1h,form.durationSeconds.number", "-900,form.durationSeconds.number",
			"99999999999999,form.durationSeconds.number", "3600.5,form.durationSeconds.number" })
	void durationWhenAtOrBeyondTheBoundsThenAsStsWould(String duration, String expected) {
		assertThat(codeOf(validate(ARN, "123456", duration, "mfa"), "durationSeconds")).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "mfa,", "prod-admin@acme.io,", "'',form.profileName.format", "a b,form.profileName.format",
			"'x]\n[default',form.profileName.format" })
	void profileNameWhenUsableAsIniSectionThenAccepted(String profile, String expected) {
		assertThat(codeOf(validate(ARN, "123456", "3600", profile), "profileName")).isEqualTo(expected);
	}

	@Test
	void profileNameWhenSixtyFourCharactersThenAcceptedAndSixtyFiveRejected() {
		assertThat(codeOf(validate(ARN, "123456", "3600", "p".repeat(64)), "profileName")).isNull();
		assertThat(codeOf(validate(ARN, "123456", "3600", "p".repeat(65)), "profileName"))
			.isEqualTo("form.profileName.format");
	}

	private Errors validateRole(String roleArn, String sessionName, String externalId, String duration) {
		IssueForm form = new IssueForm("environment", ARN, "123456", duration, "mfa", null, null, roleArn, sessionName,
				externalId);
		Errors errors = new BeanPropertyBindingResult(form, "issueForm");
		this.validator.validate(form, errors);
		return errors;
	}

	@Test
	void roleWhenWellFormedThenAcceptedUpToTwelveHours() {
		assertThat(validateRole("arn:aws:iam::123456789012:role/admin", "alice.b@x", "ext-1:2", "43200").hasErrors())
			.isFalse();
		assertThat(validateRole("arn:aws:iam::123456789012:role/team/admin", "", "", "900").hasErrors()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "arn:aws:iam::123456789012:user/alice,,,3600,roleArn,form.roleArn.format",
			"arn:aws:iam::12345:role/admin,,,3600,roleArn,form.roleArn.format",
			"arn:aws:iam::123456789012:role/admin,a,,3600,roleSessionName,form.roleSessionName.format",
			"arn:aws:iam::123456789012:role/admin,has space,,3600,roleSessionName,form.roleSessionName.format",
			"arn:aws:iam::123456789012:role/admin,,x,3600,externalId,form.externalId.format",
			"arn:aws:iam::123456789012:role/admin,,,43201,durationSeconds,form.durationSeconds.roleRange" })
	void roleWhenOutsideTheModelThenRejectedWithReason(String roleArn, String sessionName, String externalId,
			String duration, String field, String code) {
		assertThat(codeOf(validateRole(roleArn, sessionName, externalId, duration), field)).isEqualTo(code);
	}

	@Test
	void sessionTokenWhenNoRoleThenThirtySixHoursStillAllowed() {
		assertThat(validateRole(null, "a", "x", "129600").hasErrors()).isFalse();
	}

}
