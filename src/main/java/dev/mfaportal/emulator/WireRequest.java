package dev.mfaportal.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request exactly as it came over the wire, which is what a signature is computed
 * over.
 *
 * @param method the HTTP method
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query string, still percent-encoded, or {@code ""}
 * @param headers header values by lower-case name
 * @param body the body bytes
 */
record WireRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

	WireRequest {
		Map<String, List<String>> byLowerCaseName = new HashMap<>();
		headers.forEach((name, values) -> byLowerCaseName
			.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
			.addAll(values));
		byLowerCaseName.replaceAll((name, values) -> List.copyOf(values));
		headers = Map.copyOf(byLowerCaseName);
		rawQuery = (rawQuery != null) ? rawQuery : "";
	}

	/** The first value of a header, or {@code null}. */
	String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
