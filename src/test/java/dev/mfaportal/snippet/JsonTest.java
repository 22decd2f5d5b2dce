package dev.mfaportal.snippet;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mfaportal.security.HostileValues;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON that SDKs and the AWS CLI read: what any JSON parser gives back is what went
 * in, whatever the value holds, and nothing in it reads as markup.
 */
class JsonTest {

	private static final JsonMapper PARSER = JsonMapper.builder().build();

	@Test
	void stringWhenQuoteBackslashAndControlCharactersThenEscaped() {
		assertThat(Json.string("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
		assertThat(Json.string("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
	}

	@Test
	void stringWhenMarkupOrLineSeparatorsThenEscapedSoNoTagSurvives() {
		assertThat(Json.string("</script><b>&\u2028\u2029"))
			.isEqualTo("\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\\u2029\"");
	}

	@Test
	void objectWhenStringsAndNumbersThenInTheGivenOrderWithNumbersBare() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("Version", 1);
		fields.put("AccessKeyId", "ASIA1");
		fields.put("Expiration", "2026-12-03T05:00:00Z");
		assertThat(Json.object(fields))
			.isEqualTo("{\"Version\":1,\"AccessKeyId\":\"ASIA1\",\"Expiration\":\"2026-12-03T05:00:00Z\"}");
	}

	@Test
	void objectWhenHostileValuesThenAParserReadsBackEveryValueExactly() {
		HostileValues values = new HostileValues(20261203L);
		for (int i = 0; i < 500; i++) {
			String name = values.next("Code");
			String value = values.next("ASIA1");
			String json = Json.object(Map.of(name, value));
			JsonNode parsed = PARSER.readTree(json);
			assertThat(parsed.size()).as(json).isEqualTo(1);
			assertThat(parsed.get(name).asString()).as(json).isEqualTo(value);
			assertThat(json).as("no markup survives").doesNotContain("<", ">", "&");
		}
	}

}
