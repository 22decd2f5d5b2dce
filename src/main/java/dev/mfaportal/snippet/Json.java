package dev.mfaportal.snippet;

import java.util.Map;

/**
 * JSON as the credential shapes need it: a string literal (RFC 8259), and a flat object
 * of strings and numbers in the given order. Hand-written because the shapes SDKs read
 * are tiny, and so no object mapper's settings can rename a field. Besides what JSON
 * requires, {@code < > &} and the two line separators are escaped too, so that a value
 * echoed into an answer can't become markup if something shows it as HTML.
 */
public final class Json {

	private Json() {
	}

	public static String object(Map<String, ?> fields) {
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

	public static String string(String value) {
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
