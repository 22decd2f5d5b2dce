package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.credentialsource.VaultState.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault in the OS keychain: one item per key ({@code key:ID}: the key id and the
 * secret) and one {@code index} item ({@link KeychainIndex}: ids, labels, key ids,
 * dates), all under the service {@code portal.vault.keychain-service}, in the form the
 * first keychain portals read too. Reads of a secret and changes take the same lock,
 * shared with other portals on this machine, so a read never meets half a change. Beside
 * the vault file the portal keeps a marker that holds no secret, only that the keychain
 * is in use and a change stamp: the form lists no keychain keys, and so loads no D-Bus
 * class, until it exists, and other portals see a change by its stamp.
 */
class KeychainVault implements KeyVault {

	private static final Logger logger = LoggerFactory.getLogger(KeychainVault.class);

	private final String service;

	private final Path marker;

	private final Path lockFile;

	private final Clock clock;

	private Keychain keychain;

	private String broken;

	private FileTime indexStamp;

	private List<VaultKey> index = List.of();

	/** Wraps the store's items; a test's way to make one write fail. */
	private UnaryOperator<KeychainItems> items = UnaryOperator.identity();

	KeychainVault(String service, Path marker, Clock clock) {
		this.service = service;
		this.marker = marker;
		this.lockFile = marker.resolveSibling(marker.getFileName() + ".lock");
		this.clock = clock;
	}

	static Path marker(Path vaultFile) {
		return vaultFile.resolveSibling(vaultFile.getFileName() + ".keychain");
	}

	void wrapItems(UnaryOperator<KeychainItems> wrapper) {
		this.items = wrapper;
	}

	private KeychainItems items() throws KeychainUnavailable {
		return this.items.apply(keychain());
	}

	/** Opens the store now, to say whether it answers; remembered. */
	synchronized Keychain keychain() throws KeychainUnavailable {
		if (this.keychain == null) {
			try {
				this.keychain = Keychain.open(this.service);
				this.broken = null;
			}
			catch (KeychainUnavailable ex) {
				this.broken = ex.getMessage();
				throw ex;
			}
		}
		return this.keychain;
	}

	@Override
	public synchronized VaultState state() {
		String where = (this.keychain != null) ? this.keychain.kind() : "";
		return (this.broken != null)
				? new VaultState("keychain", Status.BROKEN, where, "vault.keychain.broken", this.broken, null)
				: new VaultState("keychain", Status.READY, where, null, "", null);
	}

	@Override
	public synchronized List<VaultKey> list() {
		if (!Files.exists(this.marker)) {
			return List.of();
		}
		try {
			FileTime stamp = Files.getLastModifiedTime(this.marker);
			if (!stamp.equals(this.indexStamp)) {
				this.index = readIndex().keys();
				this.indexStamp = stamp;
			}
			return this.index;
		}
		catch (Exception ex) {
			logger.warn("Could not list the vault's keys in the keychain: {}", ex.getMessage());
			return List.of();
		}
	}

	/**
	 * The pair, read under the writers' lock: between the index and the item, another
	 * portal's rotation would otherwise move the pair out of the item the index named.
	 */
	@Override
	public synchronized Optional<LongTermKey> secret(String id) {
		try {
			return VaultFiles.locked(this.lockFile, () -> {
				KeychainIndex index = readIndex();
				if (!index.items().containsKey(id)) {
					return Optional.<LongTermKey>empty();
				}
				return items().get(index.item(id)).map((item) -> {
					int newline = item.indexOf('\n');
					return new LongTermKey(item.substring(0, newline), item.substring(newline + 1));
				});
			});
		}
		catch (Exception ex) {
			throw broken(ex);
		}
	}

	@Override
	public VaultKey store(String label, LongTermKey pair) {
		VaultKey added = new VaultKey("k" + HexFormat.of().formatHex(VaultFile.random(8)), label, pair.accessKeyId(),
				this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		change((keys) -> {
			if (keys.stream()
				.anyMatch((k) -> k.label().toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT)))) {
				throw new VaultException("vault.label.duplicate", "label taken", null, label);
			}
			List<VaultKey> result = new ArrayList<>(keys);
			result.add(added);
			return result;
		}, added.id(), pair);
		return added;
	}

	@Override
	public VaultKey replace(String id, LongTermKey pair) {
		VaultKey[] replaced = new VaultKey[1];
		change((keys) -> keys.stream().map((k) -> {
			if (!k.id().equals(id)) {
				return k;
			}
			replaced[0] = new VaultKey(id, k.label(), pair.accessKeyId(),
					this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
			return replaced[0];
		}).toList(), id, pair);
		if (replaced[0] == null) {
			throw new VaultException("vault.error.gone", id, null);
		}
		return replaced[0];
	}

	@Override
	public boolean remove(String id) {
		boolean[] removed = new boolean[1];
		change((keys) -> {
			List<VaultKey> result = keys.stream().filter((k) -> !k.id().equals(id)).toList();
			removed[0] = result.size() < keys.size();
			return result;
		}, id, null);
		return removed[0];
	}

	/**
	 * Under the lock shared with other portals. A new key's pair goes into its item, then
	 * the index names the key. A new pair for a key goes into an item of a new name
	 * first, then the index names it: that write is the change, and a failure before it
	 * leaves the old key as it was. Only then does the pair move to {@code key:ID}, where
	 * the first keychain portals read it, the index name that again, and the items no
	 * index names go; a failure there leaves an index that names items holding its pairs,
	 * which the next change tidies. A removal drops the index entry before the item.
	 */
	private synchronized void change(UnaryOperator<List<VaultKey>> edit, String id, LongTermKey pair) {
		try {
			VaultFiles.locked(this.lockFile, () -> {
				KeychainItems store = items();
				KeychainIndex before = readIndex();
				List<VaultKey> edited = edit.apply(before.keys());
				boolean kept = edited.stream().anyMatch((k) -> k.id().equals(id));
				Map<String, String> names = new HashMap<>();
				edited.forEach((k) -> names.put(k.id(), before.item(k.id())));
				String staged = null;
				if (pair != null && kept) {
					staged = before.items().containsKey(id)
							? KeychainIndex.firstItem(id) + "." + HexFormat.of().formatHex(VaultFile.random(4))
							: KeychainIndex.firstItem(id);
					store.set(staged, pairText(pair));
					names.put(id, staged);
				}
				try {
					store.set("index", new KeychainIndex(edited, names).text());
				}
				catch (KeychainUnavailable ex) {
					if (staged != null) {
						quietlyDelete(store, staged);
					}
					throw ex;
				}
				Map<String, String> named = moveToFirstItems(store, edited, names, id, pair);
				Set<String> unused = new HashSet<>(before.items().values());
				if (staged != null) {
					unused.add(staged);
				}
				if (!kept && before.items().containsKey(id)) {
					unused.add(KeychainIndex.firstItem(id));
				}
				unused.removeAll(named.values());
				// a kept key's first item is where the first keychain portals read it
				edited.forEach((k) -> unused.remove(KeychainIndex.firstItem(k.id())));
				unused.forEach((item) -> quietlyDelete(store, item));
				VaultFiles.write(this.marker,
						("The keys of this portal's vault are in the OS keychain, service " + this.service
								+ ". No secret is in this file.\nchange " + this.clock.millis() + " "
								+ HexFormat.of().formatHex(VaultFile.random(4)) + "\n")
							.getBytes(StandardCharsets.UTF_8));
				this.index = edited;
				this.indexStamp = Files.getLastModifiedTime(this.marker);
				return null;
			});
		}
		catch (Exception ex) {
			throw broken(ex);
		}
	}

	/**
	 * Moves every pair the index names elsewhere (the one just staged, or one a version
	 * between left) to {@code key:ID}, then writes the index that says so.
	 * @return the items the index names now
	 */
	private Map<String, String> moveToFirstItems(KeychainItems store, List<VaultKey> keys, Map<String, String> names,
			String id, LongTermKey pair) {
		Map<String, String> moved = new HashMap<>(names);
		for (VaultKey key : keys) {
			String first = KeychainIndex.firstItem(key.id());
			if (!names.get(key.id()).equals(first)) {
				try {
					Optional<String> value = (key.id().equals(id) && pair != null) ? Optional.of(pairText(pair))
							: store.get(names.get(key.id()));
					if (value.isPresent()) {
						store.set(first, value.get());
						moved.put(key.id(), first);
					}
				}
				catch (KeychainUnavailable ex) {
					logger.warn("Could not move a vault key's pair to its first item in the keychain: {}",
							ex.getMessage());
				}
			}
		}
		if (moved.equals(names)) {
			return names;
		}
		try {
			store.set("index", new KeychainIndex(keys, moved).text());
			return moved;
		}
		catch (KeychainUnavailable ex) {
			logger.warn("Could not name the vault keys' first items in the keychain's index: {}", ex.getMessage());
			return names;
		}
	}

	private static String pairText(LongTermKey pair) {
		return pair.accessKeyId() + "\n" + pair.secretAccessKey();
	}

	private static VaultException broken(Exception ex) {
		if (ex instanceof VaultException vault) {
			return vault;
		}
		if (ex instanceof KeychainUnavailable unavailable) {
			return new VaultException("vault.keychain.broken", unavailable.getMessage(), null,
					unavailable.getMessage());
		}
		logger.warn("Could not use the vault in the keychain: {}", ex.getClass().getSimpleName());
		return new VaultException("vault.keychain.broken", ex.getClass().getSimpleName(), null,
				ex.getClass().getSimpleName());
	}

	/** An item no index names any more: left behind if the store fails, harmless. */
	private static void quietlyDelete(KeychainItems store, String item) {
		try {
			store.delete(item);
		}
		catch (KeychainUnavailable ex) {
			logger.warn("Could not remove an unused item of the vault from the keychain: {}", ex.getMessage());
		}
	}

	private KeychainIndex readIndex() throws KeychainUnavailable {
		return KeychainIndex.parse(items().get("index").orElse(""));
	}

}
