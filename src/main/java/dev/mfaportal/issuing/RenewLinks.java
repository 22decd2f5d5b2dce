package dev.mfaportal.issuing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.mfaportal.credentialsource.CredentialSource;

import org.springframework.stereotype.Component;

/**
 * The result page's renew link: the form again, filled in with the same device, duration,
 * source, profile and role. Each value is form-encoded, the inverse of how the server
 * reads a query ({@code +} is a space there, so a {@code +} in a value travels as
 * {@code %2B}), so every field comes back byte for byte.
 * <p>
 * The link is signed (HMAC-SHA256) for the person it was made for, with a key made for
 * this run and kept in memory only or, in team mode, derived from the secret the
 * instances share ({@link RenewLinkKey}), so that a link verifies on every instance, for
 * its member only. The session cookie travels with a top-level navigation from any site,
 * so a link from elsewhere could otherwise preset where the code's credentials go: a
 * foreign role (and its external id and session name), a profile name and its save over
 * an existing section, or serving terminals. Only a link this run signed may carry those
 * ({@link #SIGNED_ONLY}); on any other link they are dropped, and the form says so. The
 * other fields only fill in what the person sees before typing a code, and pick among
 * their own sources and devices, so any link may carry them; so may
 * {@code saveProfile=false}, which only unticks a saved device's save. A signed link is
 * taken as signed: what was added to it outside the signature (a saved device's
 * {@code device}, say, whose role would fill the fields the link left empty) is ignored.
 */
@Component
class RenewLinks {

	static final String SIGNATURE = "sig";

	/** What only a link this run signed may preset. */
	static final Set<String> SIGNED_ONLY = Set.of("profileName", "roleArn", "roleSessionName", "externalId",
			"saveProfile", "serve");

	/** Every field a renew link may carry, in the order they are signed. */
	private static final List<String> FIELDS = List.of("source", "serialNumber", "durationSeconds", "profileName",
			"roleArn", "roleSessionName", "externalId", "saveProfile", "serve");

	/** Separates this use of the shared secret from every other use of it. */
	private static final String KEY_LABEL = "mfa-portal renew link signing key v1";

	private final SecretKeySpec key;

	/**
	 * @param shared the team's shared secret; empty in local mode, where a key is made
	 * for this run
	 */
	RenewLinks(Optional<RenewLinkKey> shared) {
		byte[] bytes;
		if (shared.isPresent()) {
			bytes = mac(new SecretKeySpec(shared.get().bytes(), "HmacSHA256"), KEY_LABEL);
		}
		else {
			bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
	}

	/**
	 * @param actor whom the link is for: it presets nothing for anyone else
	 */
	URI link(String actor, CredentialSource source, IssueForm form) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("source", source.id());
		fields.put("serialNumber", form.serialNumber());
		fields.put("durationSeconds", form.durationSeconds());
		fields.put("profileName", form.profileName());
		fields.put("roleArn", blankToNull(form.roleArn()));
		fields.put("roleSessionName", blankToNull(form.roleSessionName()));
		fields.put("externalId", blankToNull(form.externalId()));
		fields.put("saveProfile", form.savesProfile() ? "true" : null);
		String query = query(fields);
		return URI.create("/?" + query + "&" + SIGNATURE + "=" + sign(actor, query));
	}

	/**
	 * The parameters the form may take from this link: when it was signed for this actor,
	 * the signed fields and nothing else; else all but {@link #SIGNED_ONLY}.
	 * @param parameters the request's query parameters (the first value of each)
	 * @param actor who opens it
	 */
	Read read(Map<String, String> parameters, String actor) {
		String signature = parameters.get(SIGNATURE);
		if (signature != null
				&& MessageDigest.isEqual(sign(actor, query(parameters)).getBytes(StandardCharsets.US_ASCII),
						signature.getBytes(StandardCharsets.UTF_8))) {
			Map<String, String> signed = new HashMap<>();
			for (String name : FIELDS) {
				if (parameters.get(name) != null) {
					signed.put(name, parameters.get(name));
				}
			}
			return new Read(signed, false);
		}
		Map<String, String> kept = new HashMap<>(parameters);
		// turning the save off is only ever safer
		boolean ignored = kept.keySet()
			.removeIf((name) -> SIGNED_ONLY.contains(name)
					&& !(name.equals("saveProfile") && "false".equals(kept.get(name))));
		return new Read(kept, ignored);
	}

	/** The fields of {@link #FIELDS} that are present, form-encoded, in their order. */
	private static String query(Map<String, String> fields) {
		StringJoiner query = new StringJoiner("&");
		for (String name : FIELDS) {
			String value = fields.get(name);
			if (value != null) {
				query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		return query.toString();
	}

	/**
	 * Over the actor's name, length first so that no name and query can pass for another,
	 * and the query.
	 */
	private String sign(String actor, String query) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac(this.key, actor.length() + ":" + actor + "\n" + query));
	}

	private static byte[] mac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is in every JDK", ex);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * A link as the form may use it.
	 *
	 * @param parameters what it may preset
	 * @param ignored whether it named fields only a signed link may preset, and they were
	 * dropped
	 */
	record Read(Map<String, String> parameters, boolean ignored) {

	}

}
