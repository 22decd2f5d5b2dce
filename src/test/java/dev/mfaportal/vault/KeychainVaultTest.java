package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.support.SecretServiceExtension;
import dev.mfaportal.vault.VaultSettings.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The keychain store against a real Secret Service (GNOME Keyring in a private D-Bus
 * session), checked from outside with {@code secret-tool}: the secret is there and in no
 * file of the portal, it is there again after a restart without any passphrase, and
 * {@code auto} picks the keychain when it answers and the file, saying why, when not.
 */
@ExtendWith(SecretServiceExtension.class)
class KeychainVaultTest {

	static final LongTermKey PAIR = new LongTermKey("AKIAKEYCHAINTEST0001", "KeychainSecret/0000000000000000000000001");

	@TempDir
	Path dataDir;

	final String service = "mfa-portal-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

	KeychainVault vault() {
		return new KeychainVault(this.service, KeychainVault.marker(this.dataDir.resolve("vault")), Clock.systemUTC());
	}

	@Test
	void storeWhenKeychainThenTheItemIsInTheSecretServiceAndNoFileOfThePortalHoldsTheSecret(SecretService secrets)
			throws Exception {
		VaultKey stored = vault().store("work", PAIR);

		String found = secrets.search("service", this.service, "account", "key:" + stored.id());
		assertThat(found).contains("secret = " + PAIR.accessKeyId() + "\n" + PAIR.secretAccessKey());
		assertThat(secrets.search("service", this.service, "account", "index")).contains(stored.id());
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.filter(Files::isRegularFile)
				.forEach((file) -> assertThat(read(file)).as(file.toString())
					.doesNotContain(PAIR.secretAccessKey())
					.doesNotContain(PAIR.accessKeyId()));
		}
	}

	@Test
	void listWhenRestartedThenTheKeysAreThereAtOnceWithoutAPassphrase(SecretService secrets) {
		VaultKey stored = vault().store("work", PAIR);

		KeychainVault restarted = vault();

		assertThat(restarted.state().status()).isEqualTo(Status.READY);
		assertThat(restarted.list()).containsExactly(stored);
		assertThat(restarted.secret(stored.id())).contains(PAIR);
	}

	@Test
	void removeWhenKeychainThenTheItemIsGoneFromTheSecretService(SecretService secrets) throws Exception {
		KeychainVault vault = vault();
		VaultKey stored = vault.store("work", PAIR);

		assertThat(vault.remove(stored.id())).isTrue();

		assertThat(vault.list()).isEmpty();
		assertThat(secrets.search("service", this.service, "account", "key:" + stored.id()))
			.doesNotContain(PAIR.secretAccessKey());
	}

	@Test
	void replaceWhenTheIndexWriteFailsThenTheOldKeyIsStillThereAndUsable(SecretService secrets) throws Exception {
		KeychainVault vault = vault();
		VaultKey stored = vault.store("work", PAIR);
		LongTermKey rotated = new LongTermKey("AKIAKEYCHAINTEST0002", "KeychainSecret/0000000000000000000000002");
		failIndexWrites(vault, (write) -> true);

		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.replace(stored.id(), rotated));

		KeychainVault restarted = vault();
		assertThat(restarted.list()).containsExactly(stored);
		assertThat(restarted.secret(stored.id())).contains(PAIR);
		assertThat(secrets.search("service", this.service)).doesNotContain(rotated.secretAccessKey());
	}

	/**
	 * The second index write of a rotation (after the pair moved back to {@code key:ID})
	 * only tidies: when it fails, the rotation still stands, and the next change tidies.
	 */
	@Test
	void replaceWhenOnlyTheTidyingIndexWriteFailsThenTheNewPairStandsAndTheNextChangeTidies(SecretService secrets)
			throws Exception {
		KeychainVault vault = vault();
		VaultKey stored = vault.store("work", PAIR);
		LongTermKey rotated = new LongTermKey("AKIAKEYCHAINTEST0004", "KeychainSecret/0000000000000000000000004");
		failIndexWrites(vault, (write) -> write == 2);

		vault.replace(stored.id(), rotated);

		assertThat(vault().secret(stored.id())).contains(rotated);
		assertThat(secrets.search("service", this.service, "account", "index")).contains("item\t" + stored.id());
		vault.store("next", PAIR);
		assertThat(vault().secret(stored.id())).contains(rotated);
		assertThat(secrets.search("service", this.service, "account", "index")).doesNotContain("item\t");
		assertThat(secrets.search("service", this.service)).doesNotContain("key:" + stored.id() + ".");
	}

	@Test
	void replaceWhenItWorksThenTheNewPairIsReadAndTheOldItemIsGone(SecretService secrets) throws Exception {
		KeychainVault vault = vault();
		VaultKey stored = vault.store("work", PAIR);
		LongTermKey rotated = new LongTermKey("AKIAKEYCHAINTEST0003", "KeychainSecret/0000000000000000000000003");

		vault.replace(stored.id(), rotated);

		assertThat(vault().secret(stored.id())).contains(rotated);
		assertThat(secrets.search("service", this.service)).contains(rotated.secretAccessKey())
			.doesNotContain(PAIR.secretAccessKey());
	}

	@Test
	void autoWhenASecretStoreAnswersThenTheKeychainElseTheFileSayingWhy(SecretService secrets) {
		VaultSettings settings = new VaultSettings(Backend.AUTO, this.dataDir.resolve("vault"), this.service);
		SelectedVault answered = new SelectedVault(settings, Clock.systemUTC());
		assertThat(answered.state().backend()).isEqualTo("auto");

		answered.choose();

		assertThat(answered.state().backend()).isEqualTo("keychain");
		assertThat(answered.state().whyNotKeychain()).isNull();

		String address = System.getProperty(SecretService.ADDRESS_PROPERTY);
		System.setProperty(SecretService.ADDRESS_PROPERTY, "unix:path=" + this.dataDir.resolve("no-bus"));
		try {
			SelectedVault silent = new SelectedVault(
					new VaultSettings(Backend.AUTO, this.dataDir.resolve("other").resolve("vault"), this.service),
					Clock.systemUTC());
			silent.choose();
			assertThat(silent.state().backend()).isEqualTo("file");
			assertThat(silent.state().whyNotKeychain()).isNotBlank();
			assertThat(silent.startupLine()).contains("not the keychain, because");
		}
		finally {
			System.setProperty(SecretService.ADDRESS_PROPERTY, address);
		}
	}

	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The vault's index writes fail where {@code which} holds for their number (1, 2, …).
	 */
	private static void failIndexWrites(KeychainVault vault, IntPredicate which) {
		AtomicInteger indexWrites = new AtomicInteger();
		vault.wrapItems((real) -> new KeychainItems() {

			@Override
			public java.util.Optional<String> get(String account) throws KeychainUnavailable {
				return real.get(account);
			}

			@Override
			public void set(String account, String value) throws KeychainUnavailable {
				if (account.equals("index") && which.test(indexWrites.incrementAndGet())) {
					throw new KeychainUnavailable("storing failed: the index");
				}
				real.set(account, value);
			}

			@Override
			public void delete(String account) throws KeychainUnavailable {
				real.delete(account);
			}

		});
	}

}
