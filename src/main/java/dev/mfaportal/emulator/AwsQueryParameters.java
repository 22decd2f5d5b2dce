package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The awsQuery protocol's parameters: from the query string and, for a form post, from
 * the body.
 */
final class AwsQueryParameters {

	private AwsQueryParameters() {
	}

	/** Wire order; a name given twice keeps its first value. */
	static Map<String, String> of(WireRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		QueryString.parse(request.rawQuery()).forEach((pair) -> parameters.putIfAbsent(pair.getKey(), pair.getValue()));
		String contentType = request.header("Content-Type");
		if (contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
			QueryString.parse(new String(request.body(), StandardCharsets.UTF_8))
				.forEach((pair) -> parameters.putIfAbsent(pair.getKey(), pair.getValue()));
		}
		return parameters;
	}

}
