package dev.mfaportal.accesskey;

import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

import static dev.mfaportal.support.FieldErrors.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

class AccessKeyFormValidatorTest {

	private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static Errors validate(String label, String accessKeyId, String secret) {
		AccessKeyForm form = new AccessKeyForm(label, accessKeyId, secret);
		Errors errors = new BeanPropertyBindingResult(form, "accessKeyForm");
		new AccessKeyFormValidator().validate(form, errors);
		return errors;
	}

	@Test
	void validateWhenLongTermKeyOfTheRightShapeThenNoErrors() {
		assertThat(validate("Work", KEY_ID, SECRET).hasErrors()).isFalse();
		assertThat(validate("x".repeat(64), KEY_ID, "+/=" + SECRET.substring(3)).hasErrors()).isFalse();
	}

	@Test
	void validateWhenLabelMissingTooLongOrWithControlCharactersThenSaysWhich() {
		assertThat(codeOf(validate(null, KEY_ID, SECRET), "label")).isEqualTo("accesskey.label.required");
		assertThat(codeOf(validate(" ", KEY_ID, SECRET), "label")).isEqualTo("accesskey.label.required");
		Errors tooLong = validate("x".repeat(65), KEY_ID, SECRET);
		assertThat(codeOf(tooLong, "label")).isEqualTo("accesskey.label.length");
		assertThat(tooLong.getFieldError("label").getArguments()).containsExactly("64", "65");
		assertThat(codeOf(validate("Work\nHome", KEY_ID, SECRET), "label")).isEqualTo("accesskey.label.characters");
	}

	@Test
	void validateWhenSessionAccessKeyIdThenRefusedAsSessionCredentials() {
		assertThat(codeOf(validate("Work", "ASIAIOSFODNN7EXAMPLE", SECRET), "accessKeyId"))
			.isEqualTo("accesskey.accessKeyId.session");
	}

	@Test
	void validateWhenAccessKeyIdMalformedThenRefusedWithItsShape() {
		for (String malformed : new String[] { "akiaiosfodnn7example", "AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLE1",
				"AIDAIOSFODNN7EXAMPLE", "AKIA IOSFODNN7EXAMPL", "ASIA" }) {
			assertThat(codeOf(validate("Work", malformed, SECRET), "accessKeyId")).as(malformed)
				.isEqualTo("accesskey.accessKeyId.format");
		}
		assertThat(codeOf(validate("Work", "", SECRET), "accessKeyId")).isEqualTo("accesskey.accessKeyId.required");
	}

	@Test
	void validateWhenSecretNotFortyCharactersOfItsAlphabetThenRefusedWithoutRepeatingIt() {
		for (String malformed : new String[] { SECRET.substring(1), SECRET + "A", SECRET.substring(1) + "-",
				SECRET.substring(1) + " ", SECRET.substring(1) + "é" }) {
			Errors errors = validate("Work", KEY_ID, malformed);
			assertThat(codeOf(errors, "secretAccessKey")).as(malformed).isEqualTo("accesskey.secretAccessKey.format");
			assertThat(errors.getFieldError("secretAccessKey").getArguments()).isNullOrEmpty();
		}
		assertThat(codeOf(validate("Work", KEY_ID, null), "secretAccessKey"))
			.isEqualTo("accesskey.secretAccessKey.required");
	}

	@Test
	void toStringWhenFormHoldsASecretThenMasked() {
		AccessKeyForm form = new AccessKeyForm("Work", KEY_ID, SECRET);

		assertThat(form.toString()).contains("Work").doesNotContain(SECRET).contains("(hidden)");
		assertThat(form.withoutSecret()).isEqualTo(new AccessKeyForm("Work", KEY_ID, ""));
		assertThat(new StoredKey(1, "alice", "Work", KEY_ID, null, null).toString()).doesNotContain(KEY_ID)
			.contains("AKIA…MPLE");
	}

}
