package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.support.SecretServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keychain vault beside other portals on the same home, against a real Secret
 * Service: one that rotates a key while this one reads it (each read is the old pair or
 * the new, never a mix or nothing), and one of the version before rotations
 * ({@link KeychainIndexBeforeRotations}), which must read every key this version writes,
 * and whose writes this version must read.
 */
@ExtendWith(SecretServiceExtension.class)
class KeychainVaultBesideOtherPortalsTest {

	@TempDir
	Path dataDir;

	final String service = "mfa-portal-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

	KeychainVault vault() {
		return new KeychainVault(this.service, marker(), Clock.systemUTC());
	}

	Path marker() {
		return KeychainVault.marker(this.dataDir.resolve("vault"));
	}

	static LongTermKey pair(int n) {
		return new LongTermKey(String.format("AKIAKEYCHAINTEST%04d", n), String.format("KeychainSecret/%025d", n));
	}

	@Test
	void secretWhenAnotherPortalReplacesTheKeyBetweenItsReadsThenTheOldPairOrTheNewNeverNothing(SecretService secrets)
			throws Exception {
		KeychainVault writer = vault();
		VaultKey stored = writer.store("work", pair(10));
		KeychainVault reader = vault();
		CountDownLatch indexRead = new CountDownLatch(1);
		CountDownLatch goOn = new CountDownLatch(1);
		pauseAfterTheFirstIndexRead(reader, indexRead, goOn);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Optional<LongTermKey>> read = threads.submit(() -> reader.secret(stored.id()));
			assertThat(indexRead.await(10, TimeUnit.SECONDS)).isTrue();
			Future<VaultKey> replace = threads.submit(() -> writer.replace(stored.id(), pair(11)));
			try {
				replace.get(300, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException waitsForTheRead) {
				// as it should: the read holds the lock writes take
			}
			goOn.countDown();

			assertThat(read.get(10, TimeUnit.SECONDS))
				.hasValueSatisfying((p) -> assertThat(p).isIn(pair(10), pair(11)));
			replace.get(10, TimeUnit.SECONDS);
		}
		finally {
			goOn.countDown();
			threads.shutdownNow();
		}
		assertThat(reader.secret(stored.id())).contains(pair(11));
	}

	/**
	 * A read that starts while another portal's rotation is half done (the index names
	 * the item the new pair was staged in, which the rotation removes at its end) waits
	 * for it, and reads the new pair.
	 */
	@Test
	void secretWhenAnotherPortalIsHalfwayThroughARotationThenItWaitsAndReadsTheNewPair(SecretService secrets)
			throws Exception {
		KeychainVault writer = vault();
		VaultKey stored = writer.store("work", pair(12));
		CountDownLatch writerHalfway = new CountDownLatch(1);
		CountDownLatch writerGoOn = new CountDownLatch(1);
		writer.wrapItems((real) -> new PassThrough(real) {

			@Override
			public void set(String account, String value) throws KeychainUnavailable {
				real.set(account, value);
				if (account.equals("index") && writerHalfway.getCount() > 0) {
					writerHalfway.countDown();
					await(writerGoOn);
				}
			}

		});
		KeychainVault reader = vault();
		CountDownLatch indexRead = new CountDownLatch(1);
		CountDownLatch readerGoOn = new CountDownLatch(1);
		pauseAfterTheFirstIndexRead(reader, indexRead, readerGoOn);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<VaultKey> replace = threads.submit(() -> writer.replace(stored.id(), pair(13)));
			assertThat(writerHalfway.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Optional<LongTermKey>> read = threads.submit(() -> reader.secret(stored.id()));
			// without the lock, the read gets the halfway index by now
			indexRead.await(300, TimeUnit.MILLISECONDS);
			writerGoOn.countDown();
			replace.get(10, TimeUnit.SECONDS);
			readerGoOn.countDown();

			assertThat(read.get(10, TimeUnit.SECONDS)).contains(pair(13));
		}
		finally {
			writerGoOn.countDown();
			readerGoOn.countDown();
			threads.shutdownNow();
		}
	}

	@Test
	void secretWhenReadOverAndOverWhileAnotherPortalRotatesThenEveryReadIsTheOldPairOrTheNew(SecretService secrets)
			throws Exception {
		List<LongTermKey> pairs = IntStream.range(20, 25).mapToObj(KeychainVaultBesideOtherPortalsTest::pair).toList();
		KeychainVault writer = vault();
		VaultKey stored = writer.store("work", pairs.get(0));
		List<KeychainVault> readers = List.of(vault(), vault());
		AtomicBoolean rotating = new AtomicBoolean(true);
		List<Optional<LongTermKey>> reads = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(1 + readers.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (KeychainVault reader : readers) {
				running.add(threads.submit(() -> {
					do {
						reads.add(reader.secret(stored.id()));
					}
					while (rotating.get());
					return null;
				}));
			}
			running.add(threads.submit(() -> {
				try {
					for (LongTermKey next : pairs.subList(1, pairs.size())) {
						writer.replace(stored.id(), next);
					}
				}
				finally {
					rotating.set(false);
				}
				return null;
			}));
			for (Future<?> done : running) {
				done.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			rotating.set(false);
			threads.shutdownNow();
		}

		assertThat(reads).hasSizeGreaterThan(readers.size())
			.allSatisfy((read) -> assertThat(read).hasValueSatisfying((p) -> assertThat(p).isIn(pairs)));
		assertThat(vault().secret(stored.id())).contains(pairs.get(pairs.size() - 1));
	}

	@Test
	void indexWhenThisVersionStoredAndRotatedThenAPortalBeforeRotationsReadsEveryKeyAndItsPair(SecretService secrets)
			throws Exception {
		KeychainVault vault = vault();
		VaultKey rotated = vault.store("work", pair(30));
		VaultKey kept = vault.store("other", pair(31));
		vault.replace(rotated.id(), pair(32));

		try (Keychain raw = Keychain.open(this.service)) {
			assertThat(KeychainIndexBeforeRotations.parse(raw.get("index").orElseThrow()))
				.containsExactlyInAnyOrderElementsOf(vault().list());
			assertThat(KeychainIndexBeforeRotations.secret(raw, rotated.id())).contains(pair(32));
			assertThat(KeychainIndexBeforeRotations.secret(raw, kept.id())).contains(pair(31));

			KeychainIndexBeforeRotations.replace(raw, marker(), rotated.id(), pair(33), Instant.now());
		}

		KeychainVault after = vault();
		assertThat(after.list()).extracting(VaultKey::accessKeyId)
			.containsExactlyInAnyOrder(pair(33).accessKeyId(), pair(31).accessKeyId());
		assertThat(after.secret(rotated.id())).contains(pair(33));
		assertThat(after.secret(kept.id())).contains(pair(31));
		assertThat(secrets.search("service", this.service)).doesNotContain(pair(30).secretAccessKey());
	}

	@Test
	void indexWhenAPortalBeforeRotationsWroteItThenThisVersionReadsAndRotatesAndTheOldOneStillReads(
			SecretService secrets) throws Exception {
		VaultKey old = new VaultKey("k0123456789abcdef", "from before", pair(40).accessKeyId(),
				Instant.parse("2026-01-02T03:04:05Z"));
		try (Keychain raw = Keychain.open(this.service)) {
			raw.set("key:" + old.id(), pair(40).accessKeyId() + "\n" + pair(40).secretAccessKey());
			raw.set("index", KeychainIndexBeforeRotations.text(List.of(old)));
			KeychainIndexBeforeRotations.stamp(marker());

			KeychainVault vault = vault();
			assertThat(vault.list()).containsExactly(old);
			assertThat(vault.secret(old.id())).contains(pair(40));
			VaultKey replaced = vault.replace(old.id(), pair(41));

			assertThat(KeychainIndexBeforeRotations.parse(raw.get("index").orElseThrow())).containsExactly(replaced);
			assertThat(KeychainIndexBeforeRotations.secret(raw, old.id())).contains(pair(41));
		}
	}

	/**
	 * The form a version between wrote (the item's name as a fifth field, which the
	 * version before rotations skips) is still read, and the next change rewrites it in
	 * the form both read, the key's pair moved to the item the old version reads.
	 */
	@Test
	void indexWhenItNamesTheItemInAFifthFieldThenReadAndTheNextChangeRewritesItForThePortalBeforeRotations(
			SecretService secrets) throws Exception {
		VaultKey rotated = new VaultKey("kfedcba9876543210", "rotated", pair(50).accessKeyId(),
				Instant.parse("2026-01-02T03:04:05Z"));
		String item = "key:" + rotated.id() + ".0a0b0c0d";
		try (Keychain raw = Keychain.open(this.service)) {
			raw.set(item, pair(50).accessKeyId() + "\n" + pair(50).secretAccessKey());
			raw.set("index", rotated.id() + "\t"
					+ Base64.getEncoder().encodeToString(rotated.label().getBytes(StandardCharsets.UTF_8)) + "\t"
					+ rotated.accessKeyId() + "\t" + rotated.storedAt().getEpochSecond() + "\t" + item + "\n");
			KeychainIndexBeforeRotations.stamp(marker());

			KeychainVault vault = vault();
			assertThat(vault.list()).containsExactly(rotated);
			assertThat(vault.secret(rotated.id())).contains(pair(50));
			VaultKey added = vault.store("added", pair(51));

			assertThat(KeychainIndexBeforeRotations.parse(raw.get("index").orElseThrow()))
				.containsExactlyInAnyOrder(rotated, added);
			assertThat(KeychainIndexBeforeRotations.secret(raw, rotated.id())).contains(pair(50));
			assertThat(KeychainIndexBeforeRotations.secret(raw, added.id())).contains(pair(51));
			assertThat(raw.get(item)).as("the item only the fifth field named").isEmpty();
		}
		assertThat(vault().secret(rotated.id())).contains(pair(50));
	}

	/**
	 * The vault, as a portal that reads the keychain's index once, then waits for
	 * {@code goOn} before it goes on ({@code indexRead} says it got there).
	 */
	private static void pauseAfterTheFirstIndexRead(KeychainVault vault, CountDownLatch indexRead,
			CountDownLatch goOn) {
		vault.wrapItems((real) -> new PassThrough(real) {

			@Override
			public Optional<String> get(String account) throws KeychainUnavailable {
				Optional<String> value = real.get(account);
				if (account.equals("index") && indexRead.getCount() > 0) {
					indexRead.countDown();
					await(goOn);
				}
				return value;
			}

		});
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The real items, for a test to change one call. */
	private static class PassThrough implements KeychainItems {

		private final KeychainItems real;

		PassThrough(KeychainItems real) {
			this.real = real;
		}

		@Override
		public Optional<String> get(String account) throws KeychainUnavailable {
			return this.real.get(account);
		}

		@Override
		public void set(String account, String value) throws KeychainUnavailable {
			this.real.set(account, value);
		}

		@Override
		public void delete(String account) throws KeychainUnavailable {
			this.real.delete(account);
		}

	}

}
