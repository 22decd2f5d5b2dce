package dev.mfaportal.emulator;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The federation endpoint's JSON: an object of strings in, with JSON's escapes, and
 * nothing else.
 */
class FlatJsonTest {

	@Test
	void parseWhenObjectOfStringsWithEscapesThenMembersDecoded() {
		assertThat(FlatJson.parse(" { \"sessionId\" : \"ASIA\\u0041\", \"sessionKey\":\"a\\/b+c\\\"\" } "))
			.containsExactly(Map.entry("sessionId", "ASIAA"), Map.entry("sessionKey", "a/b+c\""));
		assertThat(FlatJson.parse("{}")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x", "{\"a\":\"b\",\"a\":\"c\"}",
			"{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"b" })
	void parseWhenNotAnObjectOfStringsThenRejected(String json) {
		assertThatIllegalArgumentException().isThrownBy(() -> FlatJson.parse(json));
	}

	@Test
	void objectWhenValueNeedsEscapingThenValidJson() {
		assertThat(FlatJson.object("SigninToken", "a\"b\\c\n")).isEqualTo("{\"SigninToken\":\"a\\\"b\\\\c\\u000a\"}");
		assertThat(FlatJson.parse(FlatJson.object("k", "a\"b\\c\n"))).containsEntry("k", "a\"b\\c\n");
	}

}
