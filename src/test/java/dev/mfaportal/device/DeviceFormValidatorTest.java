package dev.mfaportal.device;

import java.util.List;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import static dev.mfaportal.support.FieldErrors.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DeviceFormValidatorTest {

	private static final String ARN = "arn:aws:iam::123456789012:mfa/alice";

	private final CredentialSources sources = mock(CredentialSources.class);

	private final DeviceFormValidator validator = new DeviceFormValidator(this.sources);

	DeviceFormValidatorTest() {
		given(this.sources.list()).willReturn(List.of(new CredentialSource("profile:work", Kind.PROFILE, "work",
				"AKIA…WXYZ", false, "eu-west-1", null, true)));
	}

	private Errors validate(String label, String sourceId) {
		DeviceForm form = new DeviceForm(label, ARN, "43200", "mfa", sourceId);
		Errors errors = new BeanPropertyBindingResult(form, "deviceForm");
		this.validator.validate(form, errors);
		return errors;
	}

	@Test
	void validateWhenEverythingWithinTheModelThenNoErrors() {
		assertThat(validate("Work", "profile:work").hasErrors()).isFalse();
		assertThat(validate("Travail · Büro 🔐", "").hasErrors()).isFalse();
		assertThat(validate("x".repeat(64), null).hasErrors()).isFalse();
	}

	@Test
	void labelWhenBlankThenRequired() {
		assertThat(codeOf(validate("", null), "label")).isEqualTo("device.label.required");
		assertThat(codeOf(validate(null, null), "label")).isEqualTo("device.label.required");
	}

	@Test
	void labelWhenLongerThanTheColumnThenLengthWithBothNumbers() {
		FieldError error = validate("x".repeat(1065), null).getFieldError("label");
		assertThat(error.getCode()).isEqualTo("device.label.length");
		assertThat(error.getArguments()).containsExactly("64", "1065");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Tab\there", "Line\nbreak", "Bell\u0007", "Delete\u007f", "C1\u0085" })
	void labelWhenControlCharacterThenRejected(String label) {
		assertThat(codeOf(validate(label, null), "label")).isEqualTo("device.label.characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "profile:gone", "environment" })
	void sourceIdWhenNotListedNowThenUnknown(String sourceId) {
		assertThat(codeOf(validate("Work", sourceId), "sourceId")).isEqualTo("device.sourceId.unknown");
	}

	@Test
	void serialDurationAndProfileWhenOutsideTheModelThenTheIssuingFormsCodes() {
		DeviceForm form = new DeviceForm("Work", "arn:aws:iam::123456789012:user/alice", "129601", "a b", "");
		Errors errors = new BeanPropertyBindingResult(form, "deviceForm");
		this.validator.validate(form, errors);
		assertThat(codeOf(errors, "serialNumber")).isEqualTo("form.serialNumber.userArn");
		assertThat(errors.getFieldError("serialNumber").getArguments()).containsExactly(ARN);
		assertThat(codeOf(errors, "durationSeconds")).isEqualTo("form.durationSeconds.range");
		assertThat(codeOf(errors, "profileName")).isEqualTo("form.profileName.format");
	}

}
