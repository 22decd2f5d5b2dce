package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.support.AtOnce;
import dev.mfaportal.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The encrypted vault file on a real file system: created owner-only, readable again
 * after a restart with the passphrase only, no plaintext in it, wrong passphrases slowed,
 * a damaged file never written over, and two portals saving at once losing nothing.
 */
class FileVaultTest {

	static final String PASSPHRASE = "correct horse battery staple";

	static final LongTermKey PAIR = new LongTermKey("AKIAVAULTTEST0000001", "VaultSecret/0000000000000000000000000001");

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

	@TempDir
	Path home;

	FileVault vault() {
		return new FileVault(this.home.resolve(".mfa-portal").resolve("vault"), this.clock);
	}

	@Test
	void unlockWhenTheVaultPathIsADanglingLinkThenSaysSoAndCreatesNothing() throws Exception {
		Path file = this.home.resolve(".mfa-portal").resolve("vault");
		Files.createDirectories(file.getParent());
		Files.createSymbolicLink(file, this.home.resolve("unmounted").resolve("vault"));
		FileVault vault = vault();

		assertThat(vault.state().status()).isEqualTo(Status.BROKEN);
		assertThat(vault.state().reasonKey()).isEqualTo("vault.file.danglingLink");
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.unlock(PASSPHRASE, PASSPHRASE))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("vault.file.danglingLink"));
		assertThat(Files.isSymbolicLink(file)).isTrue();
		assertThat(Files.exists(file)).isFalse();
		SelectedVault auto = new SelectedVault(new VaultSettings(VaultSettings.Backend.AUTO, file, "unused"),
				this.clock);
		assertThat(auto.state().backend()).as("auto asks no keychain: the file is there, if broken").isEqualTo("file");
	}

	@Test
	void unlockWhenDoneThenOnlyTheDerivedKeyIsKeptNotThePassphrase() throws Exception {
		FileVault vault = vault();
		vault.unlock(PASSPHRASE, PASSPHRASE);
		vault.store("kept", PAIR);

		for (java.lang.reflect.Field field : FileVault.class.getDeclaredFields()) {
			field.setAccessible(true);
			Object value = field.get(java.lang.reflect.Modifier.isStatic(field.getModifiers()) ? null : vault);
			String text = (value instanceof char[] chars) ? new String(chars) : String.valueOf(value);
			assertThat(text).as(field.getName()).doesNotContain(PASSPHRASE);
		}
		assertThat(vault.secret(vault.list().get(0).id())).contains(PAIR);
	}

	@Test
	void unlockWhenNoFileThenCreatesAnOwnerOnlyVaultThatAsksTwice() throws Exception {
		FileVault vault = vault();
		assertThat(vault.state().status()).isEqualTo(Status.NEW);
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.unlock(PASSPHRASE, "something else"))
			.extracting(VaultException::messageKey)
			.isEqualTo("vault.unlock.mismatch");
		assertThat(vault.file()).doesNotExist();

		vault.unlock(PASSPHRASE, PASSPHRASE);

		assertThat(vault.state().status()).isEqualTo(Status.READY);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file().getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void storeWhenRestartedThenLockedUntilUnlockedThenTheSameKey() {
		FileVault first = vault();
		first.unlock(PASSPHRASE, PASSPHRASE);
		VaultKey stored = first.store("work", PAIR);

		FileVault restarted = vault();

		assertThat(restarted.state().status()).isEqualTo(Status.LOCKED);
		assertThat(restarted.list()).isEmpty();
		restarted.unlock(PASSPHRASE, null);
		assertThat(restarted.list()).containsExactly(stored);
		assertThat(restarted.secret(stored.id())).contains(PAIR);
	}

	/**
	 * Another portal on the same home removed the file and made a new one (another salt,
	 * here another passphrase): the key this one derived opens nothing there, so the
	 * first read of any kind (the page's state, the list, a secret, a save) locks it with
	 * a message saying the file changed, and the new file's passphrase opens it again.
	 */
	@Test
	void readWhenAnotherPortalMadeTheFileAnewThenLockedSayingTheFileChangedUntilItsPassphraseIsGiven()
			throws Exception {
		String anew = "another passphrase, another file";
		LongTermKey other = new LongTermKey("AKIAVAULTTEST0000002", "VaultSecret/0000000000000000000000000002");
		FileVault another = vault();
		another.unlock(anew, anew);
		VaultKey made = another.store("made anew", other);
		byte[] madeAnew = Files.readAllBytes(another.file());
		Files.delete(another.file());
		FileVault one = vault();
		one.unlock(PASSPHRASE, PASSPHRASE);
		VaultKey old = one.store("old", PAIR);
		byte[] first = Files.readAllBytes(one.file());
		for (String read : List.of("state", "list", "secret", "store")) {
			Files.delete(one.file());
			Files.write(one.file(), madeAnew);

			switch (read) {
				case "state" -> assertThat(one.state().status()).isEqualTo(Status.LOCKED);
				case "list" -> assertThat(one.list()).isEmpty();
				case "secret" -> assertThatExceptionOfType(VaultException.class).isThrownBy(() -> one.secret(old.id()))
					.extracting(VaultException::messageKey)
					.isEqualTo("vault.file.changed");
				default -> assertThatExceptionOfType(VaultException.class).isThrownBy(() -> one.store("after", PAIR))
					.extracting(VaultException::messageKey)
					.isEqualTo("vault.file.changed");
			}

			assertThat(one.state().status()).as(read).isEqualTo(Status.LOCKED);
			assertThat(one.state().reasonKey()).as(read).isEqualTo("vault.file.changed");
			assertThat(one.state().reason()).as(read).isEqualTo(one.file().toString());
			assertThat(Files.readAllBytes(one.file())).as("not written over").isEqualTo(madeAnew);
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> one.secret(made.id()))
				.extracting(VaultException::messageKey)
				.isEqualTo("vault.error.locked");
			// back to the first file for the next read
			Files.write(one.file(), first);
			one.unlock(PASSPHRASE, null);
		}

		Files.write(one.file(), madeAnew);
		assertThat(one.list()).isEmpty();
		one.unlock(anew, null);
		assertThat(one.state().status()).isEqualTo(Status.READY);
		assertThat(one.state().reasonKey()).isNull();
		assertThat(one.list()).containsExactly(made);
		assertThat(one.secret(made.id())).contains(other);
	}

	/** Every save renames a new file into place: that alone is no new vault. */
	@Test
	void readWhenAnotherPortalSavedToTheSameFileThenStillReady() {
		FileVault one = vault();
		one.unlock(PASSPHRASE, PASSPHRASE);
		FileVault two = vault();
		two.unlock(PASSPHRASE, null);

		VaultKey stored = two.store("from-two", PAIR);

		assertThat(one.state().status()).isEqualTo(Status.READY);
		assertThat(one.list()).containsExactly(stored);
		assertThat(one.secret(stored.id())).contains(PAIR);
	}

	@Test
	void vaultFileWhenKeysStoredThenHoldsNoByteOfSecretKeyIdOrLabel() throws Exception {
		FileVault vault = vault();
		vault.unlock(PASSPHRASE, PASSPHRASE);
		vault.store("label-in-plain-sight", PAIR);

		String file = Files.readString(vault.file(), StandardCharsets.ISO_8859_1);

		for (String plain : List.of(PAIR.secretAccessKey(), PAIR.accessKeyId(), "label-in-plain-sight", PASSPHRASE)) {
			assertThat(file).doesNotContain(plain)
				.doesNotContain(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)))
				.doesNotContain(plain.substring(4, 16));
		}
	}

	@Test
	void unlockWhenWrongPassphraseThenClearErrorNothingRevealedAndRepeatedOnesSlowed() {
		vault().unlock(PASSPHRASE, PASSPHRASE);
		FileVault vault = vault();
		for (int i = 0; i < FileVault.FREE_TRIES; i++) {
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.unlock("wrong passphrase!", null))
				.extracting(VaultException::messageKey)
				.isEqualTo("vault.unlock.wrong");
			assertThat(vault.list()).isEmpty();
		}
		// now even the right one waits, without being tried
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.unlock(PASSPHRASE, null))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("vault.unlock.wait"))
			.satisfies((ex) -> assertThat(ex.arguments()).containsExactly("2"));
		assertThat(vault.state().status()).isEqualTo(Status.LOCKED);

		this.clock.advance(Duration.ofSeconds(2));
		vault.unlock(PASSPHRASE, null);
		assertThat(vault.state().status()).isEqualTo(Status.READY);
	}

	@Test
	void fileWhenCorruptTruncatedOrNewerThenSaysWhatIsWrongAndIsNeverWrittenOver() throws Exception {
		FileVault original = vault();
		original.unlock(PASSPHRASE, PASSPHRASE);
		original.store("work", PAIR);
		byte[] good = Files.readAllBytes(original.file());
		String text = new String(good, StandardCharsets.US_ASCII);
		List<Object[]> cases = List.of(
				new Object[] { text.substring(0, text.length() / 2).getBytes(), "vault.file.truncated" },
				new Object[] { text.replace("MFA-PORTAL-VAULT 1", "MFA-PORTAL-VAULT 2").getBytes(),
						"vault.file.newer" },
				new Object[] { "[default]\naws_access_key_id = x\n".getBytes(), "vault.file.corrupt" },
				new Object[] { new byte[0], "vault.file.corrupt" },
				new Object[] { flipCiphertext(text).getBytes(), "vault.file.corrupt" });
		for (Object[] damaged : cases) {
			Files.write(original.file(), (byte[]) damaged[0]);
			FileVault vault = vault();
			if (!damaged[1].equals("vault.file.corrupt") || ((byte[]) damaged[0]).length < 100) {
				assertThat(vault.state().status()).as((String) damaged[1]).isEqualTo(Status.BROKEN);
				assertThat(vault.state().reasonKey()).isEqualTo(damaged[1]);
			}
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.unlock(PASSPHRASE, PASSPHRASE))
				.extracting(VaultException::messageKey)
				.isEqualTo(damaged[1]);
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> vault.store("other", PAIR));
			assertThat(Files.readAllBytes(original.file())).as((String) damaged[1]).isEqualTo(damaged[0]);
		}
	}

	private static String flipCiphertext(String text) {
		int data = text.indexOf("\ndata ") + 10;
		char c = text.charAt(data);
		return text.substring(0, data) + ((c == 'A') ? 'B' : 'A') + text.substring(data + 1);
	}

	@Test
	void storeWhenTwoPortalsSaveAtOnceThenNoKeyIsLost() throws Exception {
		vault().unlock(PASSPHRASE, PASSPHRASE);
		FileVault one = vault();
		FileVault two = vault();
		one.unlock(PASSPHRASE, null);
		two.unlock(PASSPHRASE, null);
		List<Callable<VaultKey>> saves = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			FileVault portal = (i % 2 == 0) ? one : two;
			String label = "key" + i;
			saves.add(() -> portal.store(label, PAIR));
		}

		AtOnce.run(saves);

		FileVault reader = vault();
		reader.unlock(PASSPHRASE, null);
		assertThat(reader.list()).extracting(VaultKey::label)
			.containsExactlyInAnyOrder("key0", "key1", "key2", "key3", "key4", "key5", "key6", "key7");
	}

	@Test
	void unlockWhenTwoPortalsCreateTheVaultAtOnceThenOneFileBothUse() throws Exception {
		FileVault one = vault();
		FileVault two = vault();

		AtOnce.run(List.<Callable<Void>>of(() -> {
			one.unlock(PASSPHRASE, PASSPHRASE);
			return null;
		}, () -> {
			two.unlock(PASSPHRASE, PASSPHRASE);
			return null;
		}));
		one.store("from-one", PAIR);
		two.store("from-two", PAIR);

		assertThat(one.list()).extracting(VaultKey::label).containsExactlyInAnyOrder("from-one", "from-two");
	}

}
