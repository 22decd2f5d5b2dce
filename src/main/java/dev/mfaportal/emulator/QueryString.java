package dev.mfaportal.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits {@code a=1&b=2} texts, the shape of both a query string and an awsQuery form
 * body.
 */
final class QueryString {

	private QueryString() {
	}

	/**
	 * Decoded name/value pairs in wire order; a bad percent escape is STS's
	 * {@code MalformedQueryString}.
	 */
	static List<Map.Entry<String, String>> parse(String raw) {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		if (raw == null || raw.isEmpty()) {
			return pairs;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			pairs.add(Map.entry(decode(name), decode(value)));
		}
		return pairs;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new StsError(400, "MalformedQueryString", "Invalid percent-encoding in the request: " + text);
		}
	}

}
