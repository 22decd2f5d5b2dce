package dev.mfaportal.emulator;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape the federation endpoint reads, an object of string members, and the
 * one it writes. Anything else in the input is refused: the emulator has no JSON library,
 * by design.
 */
final class FlatJson {

	private final String text;

	private int position;

	private FlatJson(String text) {
		this.text = text;
	}

	/**
	 * Members in input order; {@link IllegalArgumentException} for anything but an object
	 * of strings.
	 */
	static Map<String, String> parse(String text) {
		FlatJson json = new FlatJson(text);
		Map<String, String> members = new LinkedHashMap<>();
		json.expect('{');
		if (!json.consume('}')) {
			do {
				String name = json.string();
				json.expect(':');
				if (members.putIfAbsent(name, json.string()) != null) {
					throw new IllegalArgumentException("Duplicate member " + name);
				}
			}
			while (json.consume(','));
			json.expect('}');
		}
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw new IllegalArgumentException("Text after the object at " + json.position);
		}
		return members;
	}

	/** {@code {"name":"value"}}. */
	static String object(String name, String value) {
		return "{" + quote(name) + ":" + quote(value) + "}";
	}

	private static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private String string() {
		expect('"');
		StringBuilder value = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return value.toString();
			}
			if (c < 0x20) {
				throw new IllegalArgumentException("Control character in a string at " + (this.position - 1));
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			char escaped = next();
			switch (escaped) {
				case '"', '\\', '/' -> value.append(escaped);
				case 'b' -> value.append('\b');
				case 'f' -> value.append('\f');
				case 'n' -> value.append('\n');
				case 'r' -> value.append('\r');
				case 't' -> value.append('\t');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw new IllegalArgumentException("Short \\u escape");
					}
					value.append((char) HexFormat.fromHexDigits(this.text, this.position, this.position + 4));
					this.position += 4;
				}
				default -> throw new IllegalArgumentException("Bad escape \\" + escaped);
			}
		}
	}

	private void expect(char expected) {
		if (!consume(expected)) {
			throw new IllegalArgumentException("Expected '" + expected + "' at " + this.position);
		}
	}

	private boolean consume(char expected) {
		skipWhitespace();
		if (this.position < this.text.length() && this.text.charAt(this.position) == expected) {
			this.position++;
			return true;
		}
		return false;
	}

	private char next() {
		if (this.position >= this.text.length()) {
			throw new IllegalArgumentException("Unexpected end of input");
		}
		return this.text.charAt(this.position++);
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

}
