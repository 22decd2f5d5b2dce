package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * The vault in the OS keychain: one item per key ({@code key:ID}, or {@code key:ID.N}
 * after a rotation: the key id and the secret) and one {@code index} item (ids, labels,
 * key ids, dates, item names), all under the service
 * {@code portal.vault.keychain-service}. Beside the vault file the portal keeps a marker
 * that holds no secret, only that the keychain is in use and a change stamp: the form
 * lists no keychain keys, and so loads no D-Bus class, until it exists, and other portals
 * see a change by its stamp. Reads of a secret and changes take the same lock, shared
 * with other portals on this machine, so a read never meets half a change.
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
	 * portal's rotation would otherwise remove the item the index named.
	 */
	@Override
	public synchronized Optional<LongTermKey> secret(String id) {
		try {
			return VaultFiles.locked(this.lockFile, () -> {
				String name = readIndex().items().get(id);
				if (name == null) {
					return Optional.<LongTermKey>empty();
				}
				return items().get(name).map((item) -> {
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
	 * Under the lock shared with other portals. A new pair goes into an item of a new
	 * name first, then the index names it, and only then is the item it replaces removed:
	 * a failure at any step leaves the index naming an item that holds its key, so the
	 * old key stays usable. A removal drops the index entry before the item.
	 */
	private synchronized void change(UnaryOperator<List<VaultKey>> edit, String id, LongTermKey pair) {
		try {
			VaultFiles.locked(this.lockFile, () -> {
				KeychainItems store = items();
				Index before = readIndex();
				List<VaultKey> edited = edit.apply(before.keys());
				Map<String, String> names = new HashMap<>(before.items());
				String oldItem = before.items().get(id);
				String newItem = null;
				if (pair != null && edited.stream().anyMatch((k) -> k.id().equals(id))) {
					newItem = (oldItem == null) ? "key:" + id
							: "key:" + id + "." + HexFormat.of().formatHex(VaultFile.random(4));
					store.set(newItem, pair.accessKeyId() + "\n" + pair.secretAccessKey());
					names.put(id, newItem);
				}
				else if (edited.stream().noneMatch((k) -> k.id().equals(id))) {
					names.remove(id);
				}
				try {
					store.set("index", indexText(edited, names));
				}
				catch (KeychainUnavailable ex) {
					if (newItem != null && !newItem.equals(oldItem)) {
						quietlyDelete(store, newItem);
					}
					throw ex;
				}
				if (oldItem != null && !oldItem.equals(names.get(id))) {
					quietlyDelete(store, oldItem);
				}
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

	/** The keys, and the name of the item that holds each one's secret. */
	private record Index(List<VaultKey> keys, Map<String, String> items) {

	}

	private Index readIndex() throws KeychainUnavailable {
		List<VaultKey> keys = new ArrayList<>();
		Map<String, String> items = new HashMap<>();
		for (String line : items().get("index").orElse("").split("\n")) {
			String[] f = line.split("\t");
			if (f.length == 4 || f.length == 5) {
				keys.add(new VaultKey(f[0], new String(Base64.getDecoder().decode(f[1]), StandardCharsets.UTF_8), f[2],
						Instant.ofEpochSecond(Long.parseLong(f[3]))));
				// an index written before rotations named no item: the key's first one
				items.put(f[0], (f.length == 5) ? f[4] : "key:" + f[0]);
			}
		}
		return new Index(keys, items);
	}

	private static String indexText(List<VaultKey> keys, Map<String, String> items) {
		StringBuilder text = new StringBuilder();
		for (VaultKey key : keys) {
			text.append(key.id())
				.append('\t')
				.append(Base64.getEncoder().encodeToString(key.label().getBytes(StandardCharsets.UTF_8)))
				.append('\t')
				.append(key.accessKeyId())
				.append('\t')
				.append(key.storedAt().getEpochSecond())
				.append('\t')
				.append(items.getOrDefault(key.id(), "key:" + key.id()))
				.append('\n');
		}
		return text.toString();
	}

}
