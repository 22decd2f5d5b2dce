package dev.mfaportal.accesskey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.mfaportal.sts.AccessKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

/**
 * Each member's long-term keys: validated and encrypted when stored, listed without their
 * secret, and decrypted only to sign an STS call ({@link #resolve}). Nothing here logs,
 * returns to a page or puts into an exception message a secret access key.
 */
@Service
@Profile("team")
class StoredAccessKeys {

	private static final Logger logger = LoggerFactory.getLogger(StoredAccessKeys.class);

	private final AccessKeyRepository keys;

	private final AccessKeyCipher cipher;

	private final Clock clock;

	private final StoredFingerprintKey fingerprintKey;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	StoredAccessKeys(AccessKeyRepository keys, AccessKeyCipher cipher, StoredFingerprintKey fingerprintKey, Clock clock,
			PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		this.keys = keys;
		this.cipher = cipher;
		this.fingerprintKey = fingerprintKey;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
	}

	/**
	 * Encrypts the secret and stores the key.
	 * @return its id
	 * @throws IllegalArgumentException when the form's validator would refuse it; the
	 * message names the error codes, not the values
	 * @throws org.springframework.dao.DuplicateKeyException when the owner has a key with
	 * that label already
	 */
	long store(String owner, String label, String accessKeyId, String secretAccessKey) {
		AccessKeyForm form = new AccessKeyForm(label, accessKeyId, secretAccessKey);
		Errors errors = new BeanPropertyBindingResult(form, "accessKeyForm");
		new AccessKeyFormValidator().validate(form, errors);
		if (errors.hasErrors()) {
			// FieldError's own toString would repeat the rejected value: the secret.
			throw new IllegalArgumentException("Refused to store the key: " + errors.getFieldErrors()
				.stream()
				.map((error) -> error.getField() + " " + error.getCode())
				.collect(Collectors.joining(", ")));
		}
		EncryptedSecret secret = this.cipher.encrypt(owner, label, secretAccessKey);
		Instant now = this.clock.instant();
		long id = this.keys.insert(owner, label, accessKeyId, secret, now);
		this.events.publishEvent(new AccessKeyStored(now, owner, label, AccessKeys.mask(accessKeyId)));
		return id;
	}

	/** The owner's keys, without secrets. */
	List<StoredKey> list(String owner) {
		return this.keys.list(owner);
	}

	Optional<StoredKey> find(String owner, long id) {
		return this.keys.find(owner, id);
	}

	/** Whether the owner has a key with this label, ignoring case. */
	boolean labelTaken(String owner, String label) {
		return this.keys.labelTaken(owner, label, null);
	}

	/**
	 * @return whether the owner had such a key
	 */
	boolean delete(String owner, long id) {
		Optional<StoredKey> key = this.keys.find(owner, id);
		if (key.isEmpty() || !this.keys.delete(owner, id)) {
			return false;
		}
		this.events.publishEvent(
				new AccessKeyDeleted(this.clock.instant(), owner, key.get().label(), key.get().maskedAccessKeyId()));
		return true;
	}

	/**
	 * The owner's key, decrypted, for the one STS call it signs.
	 * @return empty when the owner has no key with that id
	 * @throws AccessKeyDecryptionException when it does not decrypt
	 */
	Optional<AwsBasicCredentials> resolve(String owner, long id) {
		return this.keys.findEncrypted(owner, id).map((key) -> {
			try {
				return AwsBasicCredentials.create(key.accessKeyId(),
						this.cipher.decrypt(key.owner(), key.label(), key.secret()));
			}
			catch (AccessKeyDecryptionException ex) {
				logger.warn("Stored key {} of {} ({}) did not decrypt: {}", key.id(), key.owner(), key.label(),
						ex.getMessage());
				throw ex;
			}
		});
	}

	/**
	 * The owner's key, rotated: the new pair encrypted and stored under the same id and
	 * label.
	 * @throws IllegalArgumentException when the owner has no such key, or the pair is not
	 * one the form would take
	 */
	void replace(String owner, long id, String accessKeyId, String secretAccessKey) {
		StoredKey key = this.keys.find(owner, id).orElseThrow(() -> new IllegalArgumentException("No key " + id));
		AccessKeyForm form = new AccessKeyForm(key.label(), accessKeyId, secretAccessKey);
		Errors errors = new BeanPropertyBindingResult(form, "accessKeyForm");
		new AccessKeyFormValidator().validate(form, errors);
		if (errors.hasErrors()) {
			throw new IllegalArgumentException(
					"Refused to store the rotated key: " + errors.getErrorCount() + " errors");
		}
		if (!this.keys.replacePair(owner, id, accessKeyId, this.cipher.encrypt(owner, key.label(), secretAccessKey))) {
			throw new IllegalArgumentException("No key " + id);
		}
	}

	/**
	 * @return whether the owner has a key with that label
	 */
	boolean markUsed(String owner, String label, Instant at) {
		return this.keys.markUsed(owner, label, at);
	}

	/**
	 * Encrypts every stored secret (and the used-code fingerprint key) again under the
	 * current key, each with a new nonce, after a key rotation. All or nothing: every row
	 * is decrypted before any is written, in one transaction.
	 * @return how many rows were re-encrypted
	 * @throws AccessKeyDecryptionException when a row does not decrypt (its key id is not
	 * configured, say); then nothing changes
	 */
	int reencryptAll() {
		Integer count = this.transaction.execute((status) -> {
			List<EncryptedKey> reencrypted = new ArrayList<>();
			for (EncryptedKey key : this.keys.all()) {
				String secret;
				try {
					secret = this.cipher.decrypt(key.owner(), key.label(), key.secret());
				}
				catch (AccessKeyDecryptionException ex) {
					// The admin's page says to look here: this names the row and the
					// key it needs (the cipher's messages never hold a secret).
					logger.warn("Re-encryption stopped, nothing changed: stored key {} of {} ({}) did not decrypt: {}",
							key.id(), key.owner(), key.label(), ex.getMessage());
					throw new AccessKeyDecryptionException("Re-encryption stopped, nothing changed: stored key "
							+ key.id() + " of " + key.owner() + " did not decrypt. " + ex.getMessage(), ex);
				}
				reencrypted.add(new EncryptedKey(key.id(), key.owner(), key.label(), key.accessKeyId(),
						this.cipher.encrypt(key.owner(), key.label(), secret)));
			}
			int replaced = 0;
			for (EncryptedKey key : reencrypted) {
				replaced += this.keys.replaceSecret(key.id(), key.secret()) ? 1 : 0;
			}
			this.fingerprintKey.reencrypt();
			return replaced;
		});
		logger.info("Re-encrypted {} stored access keys under encryption key {}", count, this.cipher.currentKeyId());
		return (count != null) ? count : 0;
	}

}
