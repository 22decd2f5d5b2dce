package dev.mfaportal.accesskey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccessKeyCipherTest {

	static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	static final String KEY_1 = base64Key(1);

	static final String KEY_2 = base64Key(2);

	/** 32 bytes, all {@code fill}: a valid AES-256 key that tests can tell apart. */
	static String base64Key(int fill) {
		byte[] key = new byte[AccessKeyCipher.KEY_BYTES];
		java.util.Arrays.fill(key, (byte) fill);
		return Base64.getEncoder().encodeToString(key);
	}

	static AccessKeyCipher cipher(String keyId, String key, Map<String, String> previous) {
		return AccessKeyCipher.from(new EncryptionSettings(key, null, keyId, previous));
	}

	private final AccessKeyCipher cipher = cipher("k1", KEY_1, Map.of());

	@Test
	void encryptWhenDecryptedForTheSameOwnerAndLabelThenTheSecretComesBack() {
		EncryptedSecret encrypted = this.cipher.encrypt("alice", "Work", SECRET);

		assertThat(encrypted.keyId()).isEqualTo("k1");
		assertThat(Base64.getDecoder().decode(encrypted.nonce())).hasSize(12);
		assertThat(Base64.getDecoder().decode(encrypted.ciphertext())).as("secret and 16-byte tag").hasSize(40 + 16);
		assertThat(this.cipher.decrypt("alice", "Work", encrypted)).isEqualTo(SECRET);
	}

	@Test
	void encryptWhenTheSameSecretTwiceThenNewNonceAndDifferentCiphertext() {
		EncryptedSecret first = this.cipher.encrypt("alice", "Work", SECRET);
		EncryptedSecret second = this.cipher.encrypt("alice", "Work", SECRET);

		assertThat(second.nonce()).isNotEqualTo(first.nonce());
		assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
	}

	@Test
	void encryptWhenDoneThenNeitherTheSecretNorItsBase64AppearsInTheStoredValues() {
		EncryptedSecret encrypted = this.cipher.encrypt("alice", "Work", SECRET);
		String stored = encrypted.keyId() + encrypted.nonce() + encrypted.ciphertext();
		String secretBase64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

		for (int i = 0; i + 8 <= SECRET.length(); i++) {
			assertThat(stored).doesNotContain(SECRET.substring(i, i + 8));
		}
		for (int i = 0; i + 8 <= secretBase64.length(); i++) {
			assertThat(stored).doesNotContain(secretBase64.substring(i, i + 8));
		}
	}

	@Test
	void decryptWhenAnyByteOfCiphertextOrNonceChangedThenRefused() {
		EncryptedSecret encrypted = this.cipher.encrypt("alice", "Work", SECRET);
		byte[] ciphertext = Base64.getDecoder().decode(encrypted.ciphertext());
		for (int i = 0; i < ciphertext.length; i++) {
			byte[] changed = ciphertext.clone();
			changed[i] ^= 0x01;
			EncryptedSecret tampered = new EncryptedSecret("k1", encrypted.nonce(),
					Base64.getEncoder().encodeToString(changed));
			assertThatExceptionOfType(AccessKeyDecryptionException.class).as("ciphertext byte " + i)
				.isThrownBy(() -> this.cipher.decrypt("alice", "Work", tampered));
		}
		byte[] nonce = Base64.getDecoder().decode(encrypted.nonce());
		for (int i = 0; i < nonce.length; i++) {
			byte[] changed = nonce.clone();
			changed[i] ^= 0x01;
			EncryptedSecret tampered = new EncryptedSecret("k1", Base64.getEncoder().encodeToString(changed),
					encrypted.ciphertext());
			assertThatExceptionOfType(AccessKeyDecryptionException.class).as("nonce byte " + i)
				.isThrownBy(() -> this.cipher.decrypt("alice", "Work", tampered));
		}
	}

	@Test
	void decryptWhenAnotherOwnerOrLabelThenRefused() {
		EncryptedSecret encrypted = this.cipher.encrypt("alice", "Work", SECRET);

		assertThatExceptionOfType(AccessKeyDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt("bob", "Work", encrypted))
			.withMessageContaining("another owner or label");
		assertThatExceptionOfType(AccessKeyDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt("alice", "Personal", encrypted));
	}

	@Test
	void decryptWhenRowIsUnderAPreviousKeyThenStillDecryptsAndNewRowsUseTheCurrentKey() {
		EncryptedSecret old = this.cipher.encrypt("alice", "Work", SECRET);
		AccessKeyCipher rotated = cipher("k2", KEY_2, Map.of("k1", KEY_1));

		assertThat(rotated.decrypt("alice", "Work", old)).isEqualTo(SECRET);
		assertThat(rotated.encrypt("alice", "Work", SECRET).keyId()).isEqualTo("k2");
		assertThat(rotated.currentKeyId()).isEqualTo("k2");
	}

	@Test
	void decryptWhenTheKeyIdIsNotConfiguredThenRefusedNamingTheKeyId() {
		EncryptedSecret old = this.cipher.encrypt("alice", "Work", SECRET);
		AccessKeyCipher withoutOld = cipher("k2", KEY_2, Map.of());

		assertThatExceptionOfType(AccessKeyDecryptionException.class)
			.isThrownBy(() -> withoutOld.decrypt("alice", "Work", old))
			.withMessageContaining("key id k1")
			.withMessageContaining("portal.encryption.previous-keys");
	}

	@Test
	void decryptWhenAnotherKeyHasTheSameIdThenRefused() {
		EncryptedSecret encrypted = this.cipher.encrypt("alice", "Work", SECRET);
		AccessKeyCipher wrongKey = cipher("k1", KEY_2, Map.of());

		assertThatExceptionOfType(AccessKeyDecryptionException.class)
			.isThrownBy(() -> wrongKey.decrypt("alice", "Work", encrypted));
	}

	@Test
	void fromWhenNoKeyConfiguredThenMissingKeySaysWhatToSet() {
		assertThatExceptionOfType(MissingEncryptionKeyException.class).isThrownBy(() -> cipher("k1", null, Map.of()))
			.withMessageContaining("PORTAL_ENCRYPTION_KEY")
			.satisfies((ex) -> assertThat(ex.action()).contains("openssl rand -base64 32")
				.contains("PORTAL_ENCRYPTION_KEY_FILE"));
		assertThatExceptionOfType(MissingEncryptionKeyException.class).as("blank counts as unset")
			.isThrownBy(() -> cipher("k1", "  ", Map.of()));
	}

	@Test
	void fromWhenKeyIsNotBase64OrNot32BytesThenClearMessageWithoutTheKey() {
		String notBase64 = "this-is-not-base64-at-all!";
		assertThatExceptionOfType(InvalidEncryptionKeyException.class)
			.isThrownBy(() -> cipher("k1", notBase64, Map.of()))
			.withMessage("portal.encryption.key is not valid Base64.")
			.satisfies((ex) -> assertThat(ex.action()).contains("openssl rand -base64 32"));
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatExceptionOfType(InvalidEncryptionKeyException.class)
			.isThrownBy(() -> cipher("k1", shortKey, Map.of()))
			.withMessage("portal.encryption.key decodes to 16 bytes; AES-256 needs exactly 32.");
		assertThatExceptionOfType(InvalidEncryptionKeyException.class)
			.isThrownBy(() -> cipher("k2", KEY_2, Map.of("k1", shortKey)))
			.withMessageStartingWith("portal.encryption.previous-keys.k1 decodes to 16 bytes")
			.withMessageNotContaining(shortKey);
	}

	@Test
	void fromWhenPreviousKeyReusesTheCurrentIdThenRefused() {
		assertThatExceptionOfType(InvalidEncryptionKeyException.class)
			.isThrownBy(() -> cipher("k1", KEY_2, Map.of("k1", KEY_1)))
			.withMessageContaining("has the id of the current key")
			.withMessageNotContaining(KEY_1)
			.withMessageNotContaining(KEY_2);
	}

	@Test
	void fromWhenKeyFileThenItsKeyIsUsedWithSurroundingWhitespaceIgnored(@TempDir Path folder) throws Exception {
		Path file = Files.writeString(folder.resolve("portal.key"), KEY_1 + "\n");
		AccessKeyCipher fromFile = AccessKeyCipher.from(new EncryptionSettings(null, file, "k1", Map.of()));

		assertThat(fromFile.decrypt("alice", "Work", this.cipher.encrypt("alice", "Work", SECRET))).isEqualTo(SECRET);
	}

	@Test
	void fromWhenKeyFileMissingOrBothKeyAndFileSetThenClearMessage(@TempDir Path folder) throws Exception {
		Path missing = folder.resolve("missing.key");
		assertThatExceptionOfType(InvalidEncryptionKeyException.class)
			.isThrownBy(() -> AccessKeyCipher.from(new EncryptionSettings(null, missing, "k1", Map.of())))
			.withMessageContaining("portal.encryption.key-file names " + missing)
			.withMessageContaining("cannot be read");
		Path file = Files.writeString(folder.resolve("portal.key"), KEY_1);
		assertThatExceptionOfType(InvalidEncryptionKeyException.class)
			.isThrownBy(() -> AccessKeyCipher.from(new EncryptionSettings(KEY_2, file, "k1", Map.of())))
			.withMessageContaining("Both portal.encryption.key and portal.encryption.key-file are set");
	}

	@Test
	void toStringWhenSettingsOrCipherPrintedThenNoKeyMaterial() {
		EncryptionSettings settings = new EncryptionSettings(KEY_2, null, "k2", Map.of("k1", KEY_1));

		assertThat(settings.toString()).contains("k1", "k2").doesNotContain(KEY_1).doesNotContain(KEY_2);
		assertThat(cipher("k2", KEY_2, Map.of("k1", KEY_1)).toString()).doesNotContain(KEY_1).doesNotContain(KEY_2);
	}

}
