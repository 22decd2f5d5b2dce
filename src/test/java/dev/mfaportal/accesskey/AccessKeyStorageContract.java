package dev.mfaportal.accesskey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.StorageContract;
import org.junit.jupiter.api.BeforeEach;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Stored access keys against a real database: the same tests run on H2 and on PostgreSQL.
 * Each test rolls back (the annotation is here because Spring looks for it on the
 * declaring class).
 */
@Transactional
abstract class AccessKeyStorageContract extends StorageContract {

	static final String ALICE_KEY_ID = "AKIAALICE00000000001";

	static final String ALICE_SECRET = "aliceSecretCanary/0123456789+abcdefABCD=";

	static final String BOB_KEY_ID = "AKIABOB0000000000002";

	static final String BOB_SECRET = "bobSecretCanary/0123456789+abcdefABCDEF=";

	@Autowired
	PlatformTransactionManager transactions;

	MutableClock clock = new MutableClock(T0);

	AccessKeyRepository repository;

	StoredAccessKeys keys;

	@BeforeEach
	void service() {
		this.repository = new AccessKeyRepository(this.jdbc);
		this.keys = keys(cipher("k1", AccessKeyCipherTest.KEY_1, Map.of()));
	}

	private StoredAccessKeys keys(AccessKeyCipher cipher) {
		return new StoredAccessKeys(this.repository, cipher, new StoredFingerprintKey(this.jdbc, cipher), this.clock,
				this.transactions, (event) -> {
				});
	}

	private static String secret(StoredAccessKeys keys, String owner, long id) {
		return keys.resolve(owner, id).orElseThrow().secretAccessKey();
	}

	private static AccessKeyCipher cipher(String keyId, String key, Map<String, String> previous) {
		return AccessKeyCipherTest.cipher(keyId, key, previous);
	}

	private List<Map<String, Object>> rawRows() {
		return this.jdbc.sql("select * from access_key order by id").query().listOfRows();
	}

	private Map<String, Object> rawRow(long id) {
		return this.jdbc.sql("select * from access_key where id = ?").param(id).query().singleRow();
	}

	private static Object column(Map<String, Object> row, String name) {
		// H2 names columns in capitals, PostgreSQL in lower case.
		return row.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	@Test
	void storeWhenReadBackThenEveryColumnButNoSecretRoundTrips() {
		long id = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);

		assertThat(id).isPositive();
		assertThat(this.keys.find(ALICE, id)).contains(new StoredKey(id, ALICE, "Work", ALICE_KEY_ID, T0, null));
		assertThat(this.keys.resolve(ALICE, id)).get()
			.satisfies((credentials) -> assertThat(credentials.accessKeyId()).isEqualTo(ALICE_KEY_ID))
			.extracting(AwsBasicCredentials::secretAccessKey)
			.isEqualTo(ALICE_SECRET);
	}

	@Test
	void storeWhenWrittenThenNoColumnHoldsTheSecretInPlainOrInBase64() {
		long id = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		Map<String, Object> row = rawRow(id);
		String ciphertext = (String) column(row, "secret_ciphertext");
		String everyColumn = row.values().toString();
		String secretBase64 = Base64.getEncoder().encodeToString(ALICE_SECRET.getBytes(StandardCharsets.UTF_8));
		String secretUrlBase64 = Base64.getUrlEncoder().encodeToString(ALICE_SECRET.getBytes(StandardCharsets.UTF_8));

		assertThat(column(row, "access_key_id")).as("an identifier, kept as is").isEqualTo(ALICE_KEY_ID);
		assertThat(column(row, "secret_key_id")).isEqualTo("k1");
		assertThat(Base64.getDecoder().decode(ciphertext)).hasSize(ALICE_SECRET.length() + 16);
		for (String form : List.of(ALICE_SECRET, secretBase64, secretUrlBase64)) {
			for (int i = 0; i + 8 <= form.length(); i++) {
				assertThat(everyColumn).as(form + " from " + i).doesNotContain(form.substring(i, i + 8));
			}
		}
		assertThat(everyColumn.toLowerCase()).doesNotContain("canary");
	}

	@Test
	void storeWhenInvalidThenRefusedWithoutTheSecretInTheMessage() {
		String badSecret = ALICE_SECRET.substring(1);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.keys.store(ALICE, "Work", ALICE_KEY_ID, badSecret))
			.withMessageContaining("accesskey.secretAccessKey.format")
			.withMessageNotContaining(badSecret);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.keys.store(ALICE, "Work", "ASIAALICE00000000001", ALICE_SECRET))
			.withMessageContaining("accesskey.accessKeyId.session")
			.withMessageNotContaining(ALICE_SECRET);
		assertThat(rawRows()).isEmpty();
	}

	@Test
	void keysWhenTwoOwnersThenEachSeesFindsResolvesAndDeletesOnlyTheirOwn() {
		long alices = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		this.keys.store(ALICE, "another", ALICE_KEY_ID, ALICE_SECRET);
		long bobs = this.keys.store(BOB, "Work", BOB_KEY_ID, BOB_SECRET);

		assertThat(this.keys.list(ALICE)).extracting(StoredKey::label).containsExactly("another", "Work");
		assertThat(this.keys.list(BOB)).extracting(StoredKey::id).containsExactly(bobs);
		assertThat(this.keys.list("carol")).isEmpty();
		assertThat(this.keys.find(BOB, alices)).isEmpty();
		assertThat(this.keys.resolve(BOB, alices)).isEmpty();
		assertThat(this.keys.resolve(ALICE, alices + 1000)).isEmpty();
		assertThat(this.keys.delete(BOB, alices)).as("another owner's").isFalse();
		assertThat(this.keys.find(ALICE, alices)).isPresent();
		assertThat(this.keys.delete(ALICE, alices)).isTrue();
		assertThat(this.keys.delete(ALICE, alices)).as("already gone").isFalse();
		assertThat(secret(this.keys, BOB, bobs)).isEqualTo(BOB_SECRET);
	}

	@Test
	void resolveWhenEncryptedColumnsCopiedToAnotherOwnersRowThenRefused() {
		long alices = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		long bobs = this.keys.store(BOB, "Work", BOB_KEY_ID, BOB_SECRET);
		this.jdbc
			.sql("update access_key set secret_nonce = (select secret_nonce from access_key where id = ?), "
					+ "secret_ciphertext = (select secret_ciphertext from access_key where id = ?) where id = ?")
			.params(alices, alices, bobs)
			.update();

		assertThatExceptionOfType(AccessKeyDecryptionException.class).isThrownBy(() -> this.keys.resolve(BOB, bobs));
	}

	@Test
	void labelTakenWhenSameOwnerAnyCaseThenTakenAndTheDatabaseRefusesTheExactLabel() {
		this.keys.store(BOB, "Work", BOB_KEY_ID, BOB_SECRET);
		this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);

		assertThat(this.keys.labelTaken(ALICE, "WORK")).isTrue();
		assertThat(this.keys.labelTaken(ALICE, "Home")).isFalse();
		assertThat(this.keys.labelTaken("carol", "Work")).isFalse();
		// Last statement: PostgreSQL aborts the transaction after the violation.
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET));
	}

	@Test
	void markUsedWhenOwnersLabelThenOnlyThatKeyRemembersIt() {
		long work = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		long other = this.keys.store(ALICE, "Other", ALICE_KEY_ID, ALICE_SECRET);
		long bobs = this.keys.store(BOB, "Work", BOB_KEY_ID, BOB_SECRET);
		Instant used = T0.plusSeconds(3600);

		assertThat(this.keys.markUsed(ALICE, "Work", used)).isTrue();
		assertThat(this.keys.markUsed(ALICE, "Nope", used)).isFalse();
		assertThat(this.keys.find(ALICE, work)).get().extracting(StoredKey::lastUsedAt).isEqualTo(used);
		assertThat(this.keys.find(ALICE, other)).get().extracting(StoredKey::lastUsedAt).isNull();
		assertThat(this.keys.find(BOB, bobs)).get().extracting(StoredKey::lastUsedAt).isNull();
	}

	@Test
	void reencryptAllWhenKeyRotatedThenOldRowsWorkBeforeAndEveryRowIsUnderTheNewKeyAfter() {
		long alices = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		long bobs = this.keys.store(BOB, "Work", BOB_KEY_ID, BOB_SECRET);
		List<Map<String, Object>> before = rawRows();
		StoredAccessKeys rotated = keys(
				cipher("k2", AccessKeyCipherTest.KEY_2, Map.of("k1", AccessKeyCipherTest.KEY_1)));

		assertThat(secret(rotated, ALICE, alices)).as("before re-encryption, under the previous key")
			.isEqualTo(ALICE_SECRET);
		long carols = rotated.store("carol", "Work", ALICE_KEY_ID, ALICE_SECRET);

		assertThat(rotated.reencryptAll()).isEqualTo(3);

		List<Map<String, Object>> after = rawRows();
		assertThat(after).extracting((row) -> column(row, "secret_key_id")).containsOnly("k2");
		for (int i = 0; i < before.size(); i++) {
			assertThat(column(after.get(i), "secret_nonce")).isNotEqualTo(column(before.get(i), "secret_nonce"));
			assertThat(column(after.get(i), "secret_ciphertext"))
				.isNotEqualTo(column(before.get(i), "secret_ciphertext"));
		}
		StoredAccessKeys newKeyOnly = keys(cipher("k2", AccessKeyCipherTest.KEY_2, Map.of()));
		assertThat(secret(newKeyOnly, ALICE, alices)).isEqualTo(ALICE_SECRET);
		assertThat(secret(newKeyOnly, BOB, bobs)).isEqualTo(BOB_SECRET);
		assertThat(secret(newKeyOnly, "carol", carols)).isEqualTo(ALICE_SECRET);
		assertThat(this.keys.list(ALICE)).singleElement().extracting(StoredKey::createdAt).isEqualTo(T0);
	}

	@Test
	void reencryptAllWhenARowsKeyIsNotConfiguredThenRefusedAndNoRowChanges() {
		this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		StoredAccessKeys k2 = keys(cipher("k2", AccessKeyCipherTest.KEY_2, Map.of("k1", AccessKeyCipherTest.KEY_1)));
		k2.store(BOB, "Work", BOB_KEY_ID, BOB_SECRET);
		List<Map<String, Object>> before = rawRows();
		StoredAccessKeys k3WithoutK1 = keys(
				cipher("k3", AccessKeyCipherTest.base64Key(3), Map.of("k2", AccessKeyCipherTest.KEY_2)));

		assertThatExceptionOfType(AccessKeyDecryptionException.class).isThrownBy(k3WithoutK1::reencryptAll)
			.withMessageContaining("nothing changed")
			.withMessageContaining("key id k1");
		assertThat(rawRows()).isEqualTo(before);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void reencryptAllWhenARowDoesNotDecryptThenTheLogNamesThatRowAndTheKeyItNeeds(CapturedOutput log) {
		long alices = this.keys.store(ALICE, "Work", ALICE_KEY_ID, ALICE_SECRET);
		StoredAccessKeys k3WithoutK1 = keys(
				cipher("k3", AccessKeyCipherTest.base64Key(3), Map.of("k2", AccessKeyCipherTest.KEY_2)));

		assertThatExceptionOfType(AccessKeyDecryptionException.class).isThrownBy(k3WithoutK1::reencryptAll);
		assertThat(log.getOut().lines().filter((line) -> line.contains("Re-encryption stopped")))
			.singleElement(as(InstanceOfAssertFactories.STRING))
			.contains("WARN")
			.contains("stored key " + alices + " of " + ALICE + " (Work)")
			.contains("key id k1")
			.doesNotContain(ALICE_SECRET);
		assertThat(log.getAll()).doesNotContain(ALICE_SECRET);
	}

}
