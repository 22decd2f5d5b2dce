package dev.mfaportal.issuing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import dev.mfaportal.credentialsource.CredentialSource;

import org.springframework.stereotype.Component;

/**
 * The result page's renew link: the form again, filled in with the same device, duration,
 * source, profile and role. Each value is form-encoded, the inverse of how the server
 * reads a query ({@code +} is a space there, so a {@code +} in a value travels as
 * {@code %2B}), so every field comes back byte for byte.
 */
@Component
class RenewLinks {

	URI link(CredentialSource source, IssueForm form) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("source", source.id());
		fields.put("serialNumber", form.serialNumber());
		fields.put("durationSeconds", form.durationSeconds());
		fields.put("profileName", form.profileName());
		fields.put("roleArn", blankToNull(form.roleArn()));
		fields.put("roleSessionName", blankToNull(form.roleSessionName()));
		fields.put("externalId", blankToNull(form.externalId()));
		fields.put("saveProfile", form.savesProfile() ? "true" : null);
		return URI.create("/?" + query(fields));
	}

	private static String query(Map<String, String> fields) {
		StringJoiner query = new StringJoiner("&");
		fields.forEach((name, value) -> {
			if (value != null) {
				query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return query.toString();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
