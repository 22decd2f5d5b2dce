package dev.mfaportal.accesskey;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key of used-code fingerprints ({@code dev.mfaportal.limit.FingerprintKey}): 32
 * random bytes made once, by whichever instance starts first, and kept in the database
 * encrypted under the encryption key. It doesn't change when the encryption key does, so
 * during a key roll the instances still on the old key and those already on the new one
 * recognise each other's used MFA codes; re-encrypting the stored keys re-encrypts it
 * too.
 */
@Component
@Profile("team")
class StoredFingerprintKey {

	/** Bound as associated data: this value decrypts as nothing else and nowhere else. */
	private static final String OWNER = "(portal)";

	private static final String LABEL = "used-code fingerprint key";

	private final JdbcClient jdbc;

	private final AccessKeyCipher cipher;

	StoredFingerprintKey(JdbcClient jdbc, AccessKeyCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/**
	 * The shared key, made and stored first when there is none yet.
	 * @throws InvalidEncryptionKeyException when the stored one doesn't decrypt with the
	 * configured keys
	 */
	byte[] load() {
		Optional<EncryptedSecret> stored = read("");
		if (stored.isEmpty()) {
			byte[] fresh = new byte[AccessKeyCipher.KEY_BYTES];
			new SecureRandom().nextBytes(fresh);
			try {
				this.jdbc
					.sql("insert into fingerprint_key (id, secret_key_id, secret_nonce, secret_ciphertext) "
							+ "values (1, ?, ?, ?)")
					.params(values(this.cipher.encrypt(OWNER, LABEL, Base64.getEncoder().encodeToString(fresh))))
					.update();
			}
			catch (DuplicateKeyException anotherInstanceWasFirst) {
				// Then that instance's key is the one every instance uses.
			}
			finally {
				Arrays.fill(fresh, (byte) 0);
			}
			stored = read("");
		}
		try {
			return Base64.getDecoder().decode(this.cipher.decrypt(OWNER, LABEL, stored.orElseThrow()));
		}
		catch (AccessKeyDecryptionException ex) {
			throw new InvalidEncryptionKeyException(
					"The used-code fingerprint key in the database did not decrypt. " + ex.getMessage(),
					"Keep the encryption key it names under portal.encryption.previous-keys until an admin has "
							+ "re-encrypted the stored keys (Stored keys, Re-encrypt).");
		}
	}

	/**
	 * Encrypts the key again under the current encryption key, in the caller's
	 * transaction.
	 * @throws AccessKeyDecryptionException when it doesn't decrypt
	 */
	void reencrypt() {
		read(" for update").ifPresent((stored) -> {
			String key = this.cipher.decrypt(OWNER, LABEL, stored);
			this.jdbc
				.sql("update fingerprint_key set secret_key_id = ?, secret_nonce = ?, secret_ciphertext = ? "
						+ "where id = 1")
				.params(values(this.cipher.encrypt(OWNER, LABEL, key)))
				.update();
		});
	}

	private Optional<EncryptedSecret> read(String lock) {
		return this.jdbc
			.sql("select secret_key_id, secret_nonce, secret_ciphertext from fingerprint_key where id = 1" + lock)
			.query((row, number) -> new EncryptedSecret(row.getString("secret_key_id"), row.getString("secret_nonce"),
					row.getString("secret_ciphertext")))
			.optional();
	}

	private static Object[] values(EncryptedSecret secret) {
		return new Object[] { secret.keyId(), secret.nonce(), secret.ciphertext() };
	}

}
