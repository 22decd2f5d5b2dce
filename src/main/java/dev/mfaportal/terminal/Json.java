package dev.mfaportal.terminal;

import java.util.Map;

/**
 * A flat JSON object of strings and numbers, in the given order. Hand-written because the
 * two shapes SDKs read are tiny, and so no object mapper's settings can rename a field.
 */
final class Json {

	private Json() {
	}

	static String object(Map<String, ?> fields) {
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append(string(name)).append(':');
			json.append((value instanceof Number) ? value.toString() : string(String.valueOf(value)));
		});
		return json.append('}').toString();
	}

	private static String string(String value) {
		StringBuilder text = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> text.append("\\\"");
				case '\\' -> text.append("\\\\");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
						text.append(String.format("\\u%04x", (int) c));
					}
					else {
						text.append(c);
					}
				}
			}
		}
		return text.append('"').toString();
	}

}
