package dev.mfaportal.accesskey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.mfaportal.system.PerOwnerRepository;
import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Stored access keys, per owner: no query a member's request reaches reads or changes
 * another owner's rows ({@link PerOwnerRepository}). Only {@link #all()} and
 * {@link #replaceSecret} span owners, for key rotation.
 */
@Repository
class AccessKeyRepository extends PerOwnerRepository<StoredKey> {

	private static final String COLUMNS = "id, owner, label, access_key_id, created_at, last_used_at";

	private static final String ENCRYPTED_COLUMNS = "id, owner, label, access_key_id, secret_key_id, secret_nonce, "
			+ "secret_ciphertext";

	AccessKeyRepository(JdbcClient jdbc) {
		super(jdbc, "access_key", COLUMNS, AccessKeyRepository::storedKey);
	}

	Optional<EncryptedKey> findEncrypted(String owner, long id) {
		return this.jdbc.sql("select " + ENCRYPTED_COLUMNS + " from access_key where owner = ? and id = ?")
			.params(owner, id)
			.query(AccessKeyRepository::encryptedKey)
			.optional();
	}

	/**
	 * @return its id
	 * @throws org.springframework.dao.DuplicateKeyException when the owner has a key with
	 * that exact label already
	 */
	long insert(String owner, String label, String accessKeyId, EncryptedSecret secret, Instant createdAt) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into access_key (owner, label, access_key_id, secret_key_id, secret_nonce, secret_ciphertext, "
					+ "created_at) values (?, ?, ?, ?, ?, ?, ?)")
			.params(owner, label, accessKeyId, secret.keyId(), secret.nonce(), secret.ciphertext(),
					SqlTime.of(createdAt))
			.update(keys, "id");
		return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
	}

	/**
	 * @return whether the owner has a key with that label
	 */
	boolean markUsed(String owner, String label, Instant at) {
		return this.jdbc.sql("update access_key set last_used_at = ? where owner = ? and label = ?")
			.params(SqlTime.of(at), owner, label)
			.update() == 1;
	}

	/**
	 * Every owner's keys, locked until the transaction ends: for re-encrypting them all.
	 */
	List<EncryptedKey> all() {
		return this.jdbc.sql("select " + ENCRYPTED_COLUMNS + " from access_key order by id for update")
			.query(AccessKeyRepository::encryptedKey)
			.list();
	}

	/**
	 * @return whether the key was still there
	 */
	boolean replaceSecret(long id, EncryptedSecret secret) {
		return this.jdbc
			.sql("update access_key set secret_key_id = ?, secret_nonce = ?, secret_ciphertext = ? where id = ?")
			.params(secret.keyId(), secret.nonce(), secret.ciphertext(), id)
			.update() == 1;
	}

	/**
	 * The owner's key with a new pair under the same id and label, in one statement.
	 * @return whether the owner had that key
	 */
	boolean replacePair(String owner, long id, String accessKeyId, EncryptedSecret secret) {
		return this.jdbc
			.sql("update access_key set access_key_id = ?, secret_key_id = ?, secret_nonce = ?, secret_ciphertext = ? "
					+ "where owner = ? and id = ?")
			.params(accessKeyId, secret.keyId(), secret.nonce(), secret.ciphertext(), owner, id)
			.update() == 1;
	}

	private static StoredKey storedKey(ResultSet row, int rowNum) throws SQLException {
		return new StoredKey(row.getLong("id"), row.getString("owner"), row.getString("label"),
				row.getString("access_key_id"), SqlTime.read(row, "created_at"), SqlTime.read(row, "last_used_at"));
	}

	private static EncryptedKey encryptedKey(ResultSet row, int rowNum) throws SQLException {
		return new EncryptedKey(row.getLong("id"), row.getString("owner"), row.getString("label"),
				row.getString("access_key_id"), new EncryptedSecret(row.getString("secret_key_id"),
						row.getString("secret_nonce"), row.getString("secret_ciphertext")));
	}

}
