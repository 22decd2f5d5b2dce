package dev.mfaportal.accesskey;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that encrypt stored secret access keys. They live in configuration (an
 * environment variable or a file), never in the database they protect. Only team mode
 * reads them; the values are checked where the cipher is built
 * ({@link AccessKeyCipher#from}), so that no failure message ever repeats a key.
 *
 * @param key the current key, Base64 of 32 random bytes ({@code PORTAL_ENCRYPTION_KEY};
 * make one with {@code openssl rand -base64 32})
 * @param keyFile a file that holds the current key instead
 * ({@code PORTAL_ENCRYPTION_KEY_FILE}), such as a mounted secret
 * @param keyId the current key's name, stored beside each row it encrypts
 * @param previousKeys older keys by name, so rows encrypted before a rotation still
 * decrypt until they are encrypted again under the current key
 */
@ConfigurationProperties("portal.encryption")
@Validated
record EncryptionSettings(String key, Path keyFile,
		@NotNull @Pattern(regexp = EncryptionSettings.KEY_ID_PATTERN) @DefaultValue("k1") String keyId,
		Map<String, String> previousKeys) {

	/** What a key id may look like: it has to fit {@code access_key.secret_key_id}. */
	static final String KEY_ID_PATTERN = "[A-Za-z0-9._-]{1,32}";

	EncryptionSettings {
		previousKeys = (previousKeys != null) ? Map.copyOf(previousKeys) : Map.of();
	}

	/** Names the keys, never shows them. */
	@Override
	public String toString() {
		return "EncryptionSettings[key=" + ((this.key != null) ? "(set)" : "null") + ", keyFile=" + this.keyFile
				+ ", keyId=" + this.keyId + ", previousKeys=" + new TreeSet<>(this.previousKeys.keySet()) + "]";
	}

}
