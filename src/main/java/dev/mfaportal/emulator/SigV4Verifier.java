package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Checks AWS Signature Version 4 the way the service side does: it rebuilds the canonical
 * request from the bytes received, not from what a client library meant to send, so a
 * client that signs one thing and sends another fails here as it would against AWS.
 */
final class SigV4Verifier {

	static final Duration MAX_SKEW = Duration.ofMinutes(15);

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final List<String> services;

	private final Clock clock;

	SigV4Verifier(String service, Clock clock) {
		this(List.of(service), clock);
	}

	/**
	 * Accepts a signature scoped to any of {@code services}: one endpoint that answers
	 * for several, as the emulator does for STS and IAM. A wrong scope's message names
	 * the first.
	 */
	SigV4Verifier(List<String> services, Clock clock) {
		this.services = List.copyOf(services);
		this.clock = clock;
	}

	/**
	 * Reads the request's signature claims and checks those that need no secret: scope
	 * and freshness.
	 */
	SigV4Authorization authorization(WireRequest request) {
		String header = request.header("Authorization");
		if (header == null || header.isBlank()) {
			throw StsError.missingAuthenticationToken();
		}
		SigV4Authorization authorization = SigV4Authorization.parse(header);
		String amzDate = amzDate(request, header);
		checkFreshness(amzDate);
		if (!authorization.scopeDate().equals(amzDate.substring(0, 8))) {
			throw StsError.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
					+ "version of date from HTTP: '" + authorization.scopeDate() + "' != '" + amzDate.substring(0, 8)
					+ "', from '" + amzDate + "'.");
		}
		if (!this.services.contains(authorization.service())) {
			throw StsError.signatureDoesNotMatch(
					"Credential should be scoped to correct service: '" + this.services.get(0) + "'. ");
		}
		if (!"aws4_request".equals(authorization.terminator())) {
			throw StsError.signatureDoesNotMatch("Credential should be scoped with a valid terminator: 'aws4_request', "
					+ "not '" + authorization.terminator() + "'. ");
		}
		if (!authorization.signedHeaders().contains("host")) {
			throw StsError
				.signatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
		}
		return authorization;
	}

	/**
	 * Recomputes the signature with the caller's secret and compares in constant time.
	 */
	void verify(WireRequest request, SigV4Authorization authorization, String secretAccessKey) {
		String bodyHash = Crypto.sha256Hex(request.body());
		String declaredHash = request.header("x-amz-content-sha256");
		if (declaredHash != null && !declaredHash.equals(bodyHash)) {
			throw StsError
				.signatureDoesNotMatch("The provided 'x-amz-content-sha256' header does not match what was computed.");
		}
		String expected = signature(request, authorization, amzDate(request, request.header("Authorization")), bodyHash,
				secretAccessKey);
		byte[] provided = authorization.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), provided)) {
			throw StsError.signatureDoesNotMatch(StsError.SIGNATURE_DOES_NOT_MATCH);
		}
	}

	static String signature(WireRequest request, SigV4Authorization authorization, String amzDate, String payloadHash,
			String secretAccessKey) {
		String canonicalRequest = CanonicalRequest.of(request, authorization.signedHeaders(), payloadHash);
		String stringToSign = SigV4Authorization.ALGORITHM + "\n" + amzDate + "\n" + authorization.credentialScope()
				+ "\n" + Crypto.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
		byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
		for (String part : List.of(authorization.scopeDate(), authorization.region(), authorization.service(),
				authorization.terminator())) {
			key = Crypto.hmac("HmacSHA256", key, part.getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(Crypto.hmac("HmacSHA256", key, stringToSign.getBytes(StandardCharsets.UTF_8)));
	}

	private void checkFreshness(String amzDate) {
		Instant signedAt = AMZ_DATE.parse(amzDate, Instant::from);
		Instant now = this.clock.instant();
		if (signedAt.isBefore(now.minus(MAX_SKEW))) {
			throw StsError.signatureDoesNotMatch("Signature expired: " + amzDate + " is now earlier than "
					+ AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
		}
		if (signedAt.isAfter(now.plus(MAX_SKEW))) {
			throw StsError.signatureDoesNotMatch("Signature not yet current: " + amzDate + " is still later than "
					+ AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
		}
	}

	/**
	 * The signing time as {@code yyyyMMddTHHmmssZ}, from {@code X-Amz-Date} or else
	 * {@code Date}.
	 */
	private static String amzDate(WireRequest request, String authorizationHeader) {
		String amzDate = request.header("X-Amz-Date");
		String date = request.header("Date");
		if (amzDate == null && date == null) {
			throw StsError.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or "
					+ "a 'Date' header. Authorization=" + authorizationHeader);
		}
		try {
			if (amzDate != null) {
				return AMZ_DATE.format(AMZ_DATE.parse(amzDate, Instant::from));
			}
			return AMZ_DATE.format(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date, Instant::from));
		}
		catch (DateTimeParseException ex) {
			throw StsError.incompleteSignature("Date must be in ISO-8601 'basic format'. Got '"
					+ ((amzDate != null) ? amzDate : date) + "'. See http://en.wikipedia.org/wiki/ISO_8601");
		}
	}

}
