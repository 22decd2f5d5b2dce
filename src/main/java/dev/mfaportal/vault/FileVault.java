package dev.mfaportal.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.credentialsource.VaultState.Status;
import dev.mfaportal.vault.VaultFile.Entry;
import dev.mfaportal.vault.VaultFile.Keys;
import dev.mfaportal.vault.VaultFile.Parsed;
import dev.mfaportal.vault.VaultFile.Unreadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault as a passphrase-encrypted file ({@link VaultFile}), for machines with no
 * secret store. The passphrase is asked once per start ({@link #unlock}); only the key
 * derived from it is kept, in this JVM's memory, and the typed characters are wiped.
 * Every change re-reads the file under a lock shared with other portals, so two at once
 * never lose each other's keys. A file that can't be read is never written over. Every
 * read also checks that the file is still the one the key was derived for (its salt and
 * check): one that another portal made anew locks this one again, saying so.
 */
class FileVault implements KeyVault {

	private static final Logger logger = LoggerFactory.getLogger(FileVault.class);

	/**
	 * Wrong passphrases allowed before each further try must wait, doubling each time.
	 */
	static final int FREE_TRIES = 3;

	static final Duration MAX_WAIT = Duration.ofMinutes(5);

	private final Path file;

	private final Path lockFile;

	private final Clock clock;

	private Keys keys;

	private byte[] keysSalt;

	/** Why the vault is locked again after it was unlocked; {@code null} if it wasn't. */
	private String lockedBecause;

	private int failures;

	private Instant nextTry = Instant.EPOCH;

	FileVault(Path file, Clock clock) {
		this.file = file;
		this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
		this.clock = clock;
	}

	Path file() {
		return this.file;
	}

	@Override
	public synchronized VaultState state() {
		if (dangling(this.file)) {
			return state(Status.BROKEN, "vault.file.danglingLink");
		}
		if (!Files.exists(this.file)) {
			return state(Status.NEW, null);
		}
		try {
			forgetIfMadeAnew(VaultFile.parse(Files.readAllBytes(this.file)));
		}
		catch (Unreadable ex) {
			return state(Status.BROKEN, problemKey(ex));
		}
		catch (IOException ex) {
			return state(Status.BROKEN, "vault.file.unreadable");
		}
		return (this.keys != null) ? state(Status.READY, null) : state(Status.LOCKED, this.lockedBecause);
	}

	private VaultState state(Status status, String reasonKey) {
		return new VaultState("file", status, this.file.toString(), reasonKey, this.file.toString(), null);
	}

	/**
	 * Unlocks the vault, or creates it when there is no file yet.
	 * @param repeat the passphrase again, required to create a vault
	 * @throws VaultException saying what is wrong; a wrong passphrase counts towards the
	 * wait
	 */
	synchronized void unlock(String given, String repeat) {
		Passphrases.check(given);
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextTry)) {
			long seconds = Math.max(1, Duration.between(now, this.nextTry).toSeconds());
			throw new VaultException("vault.unlock.wait", "slowed", null, String.valueOf(seconds));
		}
		char[] candidate = given.toCharArray();
		try {
			VaultFiles.locked(this.lockFile, () -> {
				if (dangling(this.file)) {
					// A new vault would replace the link: the keys may be where it
					// pointed.
					throw new VaultException("vault.file.danglingLink", "dangling link", null, this.file.toString());
				}
				if (!Files.exists(this.file)) {
					Passphrases.checkNew(given, repeat);
					VaultFile.Fresh fresh = VaultFile.Fresh.of(candidate);
					VaultFiles.write(this.file, VaultFile.encrypt(fresh.header(), fresh.keys().cipherKey(), List.of()));
					remember(fresh.keys(), fresh.header().salt());
					logger.info("Created the vault file {}", this.file);
					return null;
				}
				Parsed parsed = VaultFile.parse(Files.readAllBytes(this.file));
				VaultFile.Header header = parsed.header();
				Keys derived = VaultFile.derive(candidate, header.memoryKib(), header.iterations(),
						header.parallelism(), header.salt());
				if (!MessageDigest.isEqual(derived.check(), parsed.header().check())) {
					this.failures++;
					if (this.failures >= FREE_TRIES) {
						long wait = Math.min(MAX_WAIT.toSeconds(), 1L << Math.min(20, this.failures - FREE_TRIES + 1));
						this.nextTry = this.clock.instant().plusSeconds(wait);
					}
					logger.warn("Wrong passphrase for the vault file {} ({} in a row)", this.file, this.failures);
					throw new VaultException("vault.unlock.wrong", "wrong passphrase", null);
				}
				VaultFile.decrypt(parsed, derived.cipherKey());
				remember(derived, parsed.header().salt());
				logger.info("Unlocked the vault file {}", this.file);
				return null;
			});
		}
		catch (VaultException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure(ex);
		}
		finally {
			Arrays.fill(candidate, '\0');
		}
	}

	/** A link whose target is gone: never "no vault yet". */
	static boolean dangling(Path file) {
		return Files.isSymbolicLink(file) && !Files.exists(file);
	}

	private void remember(Keys derived, byte[] salt) {
		this.keys = derived;
		this.keysSalt = salt;
		this.lockedBecause = null;
		this.failures = 0;
		this.nextTry = Instant.EPOCH;
	}

	/**
	 * The key for this file.
	 * @throws VaultException when locked, or when the file was made anew since the unlock
	 */
	private Keys current(Parsed parsed) {
		if (!forgetIfMadeAnew(parsed)) {
			throw new VaultException((this.lockedBecause != null) ? this.lockedBecause : "vault.error.locked", "locked",
					null, this.file.toString());
		}
		return this.keys;
	}

	/**
	 * Forgets the key when the file is not the one it was derived for: another portal
	 * removed it and made a new one (a new salt, whatever the passphrase), or a copy from
	 * elsewhere took its place. Every save renames a new file into place, so neither the
	 * inode nor the times say this; the salt and check in the header do. The passphrase
	 * is not kept, so the new file waits for it.
	 * @return whether a key is held for this file
	 */
	private boolean forgetIfMadeAnew(Parsed parsed) {
		if (this.keys != null && !(Arrays.equals(this.keysSalt, parsed.header().salt())
				&& MessageDigest.isEqual(this.keys.check(), parsed.header().check()))) {
			Arrays.fill(this.keys.cipherKey(), (byte) 0);
			this.keys = null;
			this.keysSalt = null;
			this.lockedBecause = "vault.file.changed";
			logger.warn(
					"The vault file {} was made anew since it was unlocked here; locked until its passphrase is given",
					this.file);
		}
		return this.keys != null;
	}

	@Override
	public synchronized List<VaultKey> list() {
		if (this.keys == null || !Files.exists(this.file)) {
			return List.of();
		}
		try {
			return entries().stream().map(FileVault::key).toList();
		}
		catch (VaultException ex) {
			if (this.keys != null) {
				logger.warn("Could not read the vault file {}: {}", this.file, ex.getMessage());
			}
			return List.of();
		}
	}

	@Override
	public synchronized Optional<LongTermKey> secret(String id) {
		if (this.keys == null) {
			throw new VaultException("vault.error.locked", "locked", null);
		}
		return entries().stream()
			.filter((entry) -> entry.id().equals(id))
			.findFirst()
			.map((entry) -> new LongTermKey(entry.accessKeyId(), entry.secret()));
	}

	@Override
	public VaultKey store(String label, LongTermKey pair) {
		String id = "k" + HexFormat.of().formatHex(VaultFile.random(8));
		Entry added = new Entry(id, label, pair.accessKeyId(), pair.secretAccessKey(),
				this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		change((entries) -> {
			if (entries.stream()
				.anyMatch((e) -> e.label().toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT)))) {
				throw new VaultException("vault.label.duplicate", "label taken", null, label);
			}
			List<Entry> result = new ArrayList<>(entries);
			result.add(added);
			return result;
		});
		return key(added);
	}

	@Override
	public VaultKey replace(String id, LongTermKey pair) {
		Entry[] replaced = new Entry[1];
		change((entries) -> entries.stream().map((e) -> {
			if (!e.id().equals(id)) {
				return e;
			}
			replaced[0] = new Entry(id, e.label(), pair.accessKeyId(), pair.secretAccessKey(),
					this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
			return replaced[0];
		}).toList());
		if (replaced[0] == null) {
			throw new VaultException("vault.error.gone", id, null);
		}
		return key(replaced[0]);
	}

	@Override
	public boolean remove(String id) {
		boolean[] removed = new boolean[1];
		change((entries) -> {
			List<Entry> result = entries.stream().filter((e) -> !e.id().equals(id)).toList();
			removed[0] = result.size() < entries.size();
			return result;
		});
		return removed[0];
	}

	/**
	 * Read, change and write the entries under the lock; nothing is written on failure.
	 */
	private synchronized void change(UnaryOperator<List<Entry>> edit) {
		if (this.keys == null) {
			throw new VaultException("vault.error.locked", "locked", null);
		}
		try {
			VaultFiles.locked(this.lockFile, () -> {
				Parsed parsed = VaultFile.parse(Files.readAllBytes(this.file));
				Keys current = current(parsed);
				List<Entry> edited = edit.apply(VaultFile.decrypt(parsed, current.cipherKey()));
				VaultFiles.write(this.file, VaultFile.encrypt(parsed.header(), current.cipherKey(), edited));
				return null;
			});
		}
		catch (VaultException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure(ex);
		}
	}

	private List<Entry> entries() {
		try {
			Parsed parsed = VaultFile.parse(Files.readAllBytes(this.file));
			return VaultFile.decrypt(parsed, current(parsed).cipherKey());
		}
		catch (VaultException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw failure(ex);
		}
	}

	private VaultException failure(Exception ex) {
		if (ex instanceof Unreadable unreadable) {
			return new VaultException(problemKey(unreadable), unreadable.getMessage(), null, this.file.toString());
		}
		if (ex instanceof GeneralSecurityException) {
			return new VaultException("vault.file.corrupt", "does not decrypt", null, this.file.toString());
		}
		if (ex instanceof NoSuchFileException) {
			return new VaultException("vault.file.gone", "gone", null, this.file.toString());
		}
		logger.warn("Vault file {}: {}", this.file, ex.getClass().getSimpleName());
		return new VaultException("vault.file.unreadable", ex.getClass().getSimpleName(), null, this.file.toString());
	}

	private static String problemKey(Unreadable ex) {
		return switch (ex.problem()) {
			case CORRUPT -> "vault.file.corrupt";
			case TRUNCATED -> "vault.file.truncated";
			case NEWER -> "vault.file.newer";
		};
	}

	private static VaultKey key(Entry entry) {
		return new VaultKey(entry.id(), entry.label(), entry.accessKeyId(), entry.storedAt());
	}

}
