package dev.mfaportal.accesskey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.StringUtils;

/**
 * Encrypts secret access keys with AES-256-GCM under the current encryption key, and
 * decrypts them under whichever configured key (current or previous) their row names.
 * Each value gets a fresh random 12-byte nonce. The owner and the label are authenticated
 * with it (associated data), so a row copied to another owner or label does not decrypt.
 */
final class AccessKeyCipher {

	static final int KEY_BYTES = 32;

	static final int NONCE_BYTES = 12;

	static final int TAG_BITS = 128;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private final String currentKeyId;

	private final Map<String, SecretKey> keys;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param currentKeyId the key that encrypts
	 * @param keys every key by id, the current one included; each 32 bytes
	 */
	AccessKeyCipher(String currentKeyId, Map<String, byte[]> keys) {
		if (!keys.containsKey(currentKeyId)) {
			throw new IllegalArgumentException("No key with the current key id " + currentKeyId);
		}
		Map<String, SecretKey> specs = new LinkedHashMap<>();
		keys.forEach((id, bytes) -> {
			if (bytes.length != KEY_BYTES) {
				throw new IllegalArgumentException("Key " + id + " is not " + KEY_BYTES + " bytes");
			}
			specs.put(id, new SecretKeySpec(bytes, "AES"));
		});
		this.currentKeyId = currentKeyId;
		this.keys = Map.copyOf(specs);
	}

	/**
	 * The cipher the settings describe.
	 * @throws MissingEncryptionKeyException when no current key is configured
	 * @throws InvalidEncryptionKeyException when a configured key cannot be used
	 */
	static AccessKeyCipher from(EncryptionSettings settings) {
		Map<String, byte[]> keys = new LinkedHashMap<>();
		keys.put(settings.keyId(), decode(currentKey(settings), "portal.encryption.key"));
		settings.previousKeys().forEach((id, value) -> {
			String property = "portal.encryption.previous-keys." + id;
			if (!id.matches(EncryptionSettings.KEY_ID_PATTERN)) {
				throw new InvalidEncryptionKeyException(
						property + " has a key id that is not 1 to 32 letters, digits, "
								+ "dots, hyphens or underscores.",
						"Rename the previous key, the way its rows name it.");
			}
			if (id.equals(settings.keyId())) {
				throw new InvalidEncryptionKeyException(
						property + " has the id of the current key (portal.encryption.key-id).",
						"Give the current key a new id (PORTAL_ENCRYPTION_KEY_ID) when it changes, and list "
								+ "the old key under its old id.");
			}
			keys.put(id, decode(value, property));
		});
		try {
			return new AccessKeyCipher(settings.keyId(), keys);
		}
		finally {
			keys.values().forEach((bytes) -> Arrays.fill(bytes, (byte) 0));
		}
	}

	private static String currentKey(EncryptionSettings settings) {
		boolean inline = StringUtils.hasText(settings.key());
		if (inline && settings.keyFile() != null) {
			throw new InvalidEncryptionKeyException(
					"Both portal.encryption.key and portal.encryption.key-file are set, so it is unclear which "
							+ "key encrypts.",
					"Set only one of PORTAL_ENCRYPTION_KEY and PORTAL_ENCRYPTION_KEY_FILE.");
		}
		if (inline) {
			return settings.key();
		}
		if (settings.keyFile() == null) {
			throw new MissingEncryptionKeyException();
		}
		try {
			return Files.readString(settings.keyFile(), StandardCharsets.US_ASCII);
		}
		catch (IOException | SecurityException ex) {
			// The exception's type only: a malformed-input message could quote the file.
			throw new InvalidEncryptionKeyException(
					"portal.encryption.key-file names " + settings.keyFile() + ", which cannot be read as a text "
							+ "file (" + ex.getClass().getSimpleName() + ").",
					"Check the path in PORTAL_ENCRYPTION_KEY_FILE, that the portal's user may read the file, and "
							+ "that it holds only the Base64 key. " + InvalidEncryptionKeyException.GENERATE);
		}
	}

	/** Never quotes the value, not even the character that is not Base64. */
	private static byte[] decode(String value, String property) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidEncryptionKeyException(property + " is empty.");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEncryptionKeyException(property + " is not valid Base64.");
		}
		if (bytes.length != KEY_BYTES) {
			int length = bytes.length;
			Arrays.fill(bytes, (byte) 0);
			throw new InvalidEncryptionKeyException(
					property + " decodes to " + length + " bytes; AES-256 needs " + "exactly " + KEY_BYTES + ".");
		}
		return bytes;
	}

	String currentKeyId() {
		return this.currentKeyId;
	}

	/** Encrypts under the current key with a new nonce. */
	EncryptedSecret encrypt(String owner, String label, String secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), nonce, owner, label);
			byte[] sealed = cipher.doFinal(plain);
			return new EncryptedSecret(this.currentKeyId, base64(nonce), base64(sealed));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
		finally {
			Arrays.fill(plain, (byte) 0);
		}
	}

	/**
	 * @throws AccessKeyDecryptionException when the row's key is not configured, or the
	 * row does not authenticate under it for this owner and label
	 */
	String decrypt(String owner, String label, EncryptedSecret encrypted) {
		SecretKey key = this.keys.get(encrypted.keyId());
		if (key == null) {
			throw new AccessKeyDecryptionException("The secret is encrypted under key id " + encrypted.keyId()
					+ ", which is not configured (add it to portal.encryption.previous-keys).");
		}
		byte[] nonce;
		byte[] sealed;
		try {
			nonce = Base64.getDecoder().decode(encrypted.nonce());
			sealed = Base64.getDecoder().decode(encrypted.ciphertext());
		}
		catch (IllegalArgumentException ex) {
			throw new AccessKeyDecryptionException("The stored nonce or ciphertext is not Base64.");
		}
		if (nonce.length != NONCE_BYTES) {
			throw new AccessKeyDecryptionException("The stored nonce is not " + NONCE_BYTES + " bytes.");
		}
		try {
			byte[] plain = cipher(Cipher.DECRYPT_MODE, key, nonce, owner, label).doFinal(sealed);
			try {
				return new String(plain, StandardCharsets.UTF_8);
			}
			finally {
				Arrays.fill(plain, (byte) 0);
			}
		}
		catch (AEADBadTagException ex) {
			throw new AccessKeyDecryptionException("The secret does not authenticate under key id " + encrypted.keyId()
					+ ": a different key has that id, or the row was altered or copied from another owner or label.",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new AccessKeyDecryptionException("The secret could not be decrypted.", ex);
		}
	}

	private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String owner, String label)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance(TRANSFORMATION);
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(associatedData(owner, label));
		return cipher;
	}

	/**
	 * Labels hold no control characters, so the newline separates the two unambiguously.
	 */
	static byte[] associatedData(String owner, String label) {
		return (owner + "\n" + label).getBytes(StandardCharsets.UTF_8);
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "AccessKeyCipher[currentKeyId=" + this.currentKeyId + ", keyIds=" + this.keys.keySet() + "]";
	}

}
