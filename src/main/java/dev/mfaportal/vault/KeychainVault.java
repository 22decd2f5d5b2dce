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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault in the OS keychain: one item per key ({@code key:ID}: the key id and the
 * secret) and one {@code index} item (ids, labels, key ids, dates), all under the service
 * {@code portal.vault.keychain-service}. Beside the vault file the portal keeps a marker
 * that holds no secret, only that the keychain is in use and a change stamp: the form
 * lists no keychain keys, and so loads no D-Bus class, until it exists, and other portals
 * see a change by its stamp.
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

	KeychainVault(String service, Path marker, Clock clock) {
		this.service = service;
		this.marker = marker;
		this.lockFile = marker.resolveSibling(marker.getFileName() + ".lock");
		this.clock = clock;
	}

	static Path marker(Path vaultFile) {
		return vaultFile.resolveSibling(vaultFile.getFileName() + ".keychain");
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
				this.index = readIndex();
				this.indexStamp = stamp;
			}
			return this.index;
		}
		catch (Exception ex) {
			logger.warn("Could not list the vault's keys in the keychain: {}", ex.getMessage());
			return List.of();
		}
	}

	@Override
	public synchronized Optional<LongTermKey> secret(String id) {
		try {
			return keychain().get("key:" + id).map((item) -> {
				int newline = item.indexOf('\n');
				return new LongTermKey(item.substring(0, newline), item.substring(newline + 1));
			});
		}
		catch (KeychainUnavailable ex) {
			throw new VaultException("vault.keychain.broken", ex.getMessage(), null, ex.getMessage());
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
	 * Under the lock shared with other portals: the item first, then the index, so that a
	 * failure between them leaves at worst an item no index names, never an index entry
	 * without its secret. A removal goes the other way round.
	 */
	private synchronized void change(UnaryOperator<List<VaultKey>> edit, String id, LongTermKey pair) {
		try {
			VaultFiles.locked(this.lockFile, () -> {
				Keychain store = keychain();
				List<VaultKey> edited = edit.apply(readIndex());
				if (pair != null && edited.stream().anyMatch((k) -> k.id().equals(id))) {
					store.set("key:" + id, pair.accessKeyId() + "\n" + pair.secretAccessKey());
				}
				store.set("index", indexText(edited));
				if (pair == null) {
					store.delete("key:" + id);
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
		catch (VaultException ex) {
			throw ex;
		}
		catch (KeychainUnavailable ex) {
			throw new VaultException("vault.keychain.broken", ex.getMessage(), null, ex.getMessage());
		}
		catch (Exception ex) {
			logger.warn("Could not change the vault in the keychain: {}", ex.getClass().getSimpleName());
			throw new VaultException("vault.keychain.broken", ex.getClass().getSimpleName(), null,
					ex.getClass().getSimpleName());
		}
	}

	private List<VaultKey> readIndex() throws KeychainUnavailable {
		List<VaultKey> keys = new ArrayList<>();
		for (String line : keychain().get("index").orElse("").split("\n")) {
			String[] f = line.split("\t");
			if (f.length == 4) {
				keys.add(new VaultKey(f[0], new String(Base64.getDecoder().decode(f[1]), StandardCharsets.UTF_8), f[2],
						Instant.ofEpochSecond(Long.parseLong(f[3]))));
			}
		}
		return keys;
	}

	private static String indexText(List<VaultKey> keys) {
		StringBuilder text = new StringBuilder();
		for (VaultKey key : keys) {
			text.append(key.id())
				.append('\t')
				.append(Base64.getEncoder().encodeToString(key.label().getBytes(StandardCharsets.UTF_8)))
				.append('\t')
				.append(key.accessKeyId())
				.append('\t')
				.append(key.storedAt().getEpochSecond())
				.append('\n');
		}
		return text.toString();
	}

}
