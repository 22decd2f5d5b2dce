package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SigV4's canonical request: method, URI, query, headers, signed header list and payload
 * hash, each in the normalized form of the AWS General Reference ("Create a canonical
 * request for Signature Version 4").
 */
final class CanonicalRequest {

	private CanonicalRequest() {
	}

	static String of(WireRequest request, List<String> signedHeaders, String payloadHash) {
		return request.method() + "\n" + uri(request.rawPath()) + "\n" + query(request.rawQuery()) + "\n"
				+ headers(request, signedHeaders) + "\n" + String.join(";", signedHeaders) + "\n" + payloadHash;
	}

	/**
	 * Dot segments removed, then every segment encoded once more: services other than S3
	 * sign the already-encoded path encoded again.
	 */
	static String uri(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return "/";
		}
		Deque<String> segments = new ArrayDeque<>();
		String[] parts = rawPath.split("/", -1);
		for (int i = 1; i < parts.length; i++) {
			boolean last = i == parts.length - 1;
			switch (parts[i]) {
				case "." -> {
					if (last) {
						segments.addLast("");
					}
				}
				case ".." -> {
					segments.pollLast();
					if (last) {
						segments.addLast("");
					}
				}
				default -> segments.addLast(parts[i]);
			}
		}
		return "/" + segments.stream().map(CanonicalRequest::encode).collect(Collectors.joining("/"));
	}

	static String query(String rawQuery) {
		return QueryString.parse(rawQuery)
			.stream()
			.map((pair) -> Map.entry(encode(pair.getKey()), encode(pair.getValue())))
			.sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
			.map((pair) -> pair.getKey() + "=" + pair.getValue())
			.collect(Collectors.joining("&"));
	}

	private static String headers(WireRequest request, List<String> signedHeaders) {
		StringBuilder canonical = new StringBuilder();
		for (String name : signedHeaders) {
			List<String> values = request.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
			canonical.append(name)
				.append(':')
				.append(values.stream()
					.map((value) -> value.trim().replaceAll("\\s+", " "))
					.collect(Collectors.joining(",")))
				.append('\n');
		}
		return canonical.toString();
	}

	/**
	 * RFC 3986 percent-encoding of everything but the unreserved characters, upper-case
	 * hex.
	 */
	static String encode(String text) {
		StringBuilder out = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				out.append(c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return out.toString();
	}

}
