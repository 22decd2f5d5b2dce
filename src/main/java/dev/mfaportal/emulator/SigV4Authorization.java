package dev.mfaportal.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an
 * {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header. Syntax errors are STS's {@code IncompleteSignature} texts.
 */
record SigV4Authorization(String accessKeyId, String scopeDate, String region, String service, String terminator,
		List<String> signedHeaders, String signature) {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	static SigV4Authorization parse(String header) {
		int space = header.indexOf(' ');
		String algorithm = (space < 0) ? header : header.substring(0, space);
		if (!ALGORITHM.equals(algorithm)) {
			throw StsError.incompleteSignature("Unsupported AWS 'algorithm': '" + algorithm
					+ "'. Only 'AWS4-HMAC-SHA256' is accepted. Authorization=" + header);
		}
		Map<String, String> parts = new HashMap<>();
		for (String part : header.substring(space + 1).split(",")) {
			int equals = part.indexOf('=');
			if (equals > 0) {
				parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
			}
		}
		StringBuilder missing = new StringBuilder();
		for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
			if (!parts.containsKey(name)) {
				missing.append("Authorization header requires '").append(name).append("' parameter. ");
			}
		}
		if (missing.length() > 0) {
			throw StsError.incompleteSignature(missing + "Authorization=" + header);
		}
		String credential = parts.get("Credential");
		String[] scope = credential.split("/", -1);
		if (scope.length != 5) {
			throw StsError.incompleteSignature("Credential must have exactly 5 slash-delimited elements, "
					+ "e.g. keyid/date/region/service/term, got '" + credential + "'");
		}
		return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], scope[4],
				List.of(parts.get("SignedHeaders").split(";")), parts.get("Signature"));
	}

	String credentialScope() {
		return this.scopeDate + "/" + this.region + "/" + this.service + "/" + this.terminator;
	}

}
