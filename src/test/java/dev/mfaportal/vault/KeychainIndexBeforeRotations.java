package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;

/**
 * How a portal released before rotations read and wrote the keychain vault, copied
 * unchanged from {@code KeychainVault} as commit b432925 ("The vault's keychain store,
 * tested against a real Secret Service") left it: {@code readIndex}, {@code indexText}
 * and {@code secret}. Such a portal may still run beside this one on the same home (or
 * after a downgrade); what this version writes must read there, and what it wrote must
 * read here.
 */
final class KeychainIndexBeforeRotations {

	private KeychainIndexBeforeRotations() {
	}

	/** {@code readIndex()} of b432925: a line of any other field count is skipped. */
	static List<VaultKey> parse(String index) {
		List<VaultKey> keys = new ArrayList<>();
		for (String line : index.split("\n")) {
			String[] f = line.split("\t");
			if (f.length == 4) {
				keys.add(new VaultKey(f[0], new String(Base64.getDecoder().decode(f[1]), StandardCharsets.UTF_8), f[2],
						Instant.ofEpochSecond(Long.parseLong(f[3]))));
			}
		}
		return keys;
	}

	/** {@code indexText()} of b432925. */
	static String text(List<VaultKey> keys) {
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

	/** {@code secret(id)} of b432925: always the item {@code key:ID}. */
	static Optional<LongTermKey> secret(KeychainItems items, String id) throws KeychainUnavailable {
		return items.get("key:" + id).map((item) -> {
			int newline = item.indexOf('\n');
			return new LongTermKey(item.substring(0, newline), item.substring(newline + 1));
		});
	}

	/**
	 * {@code replace(id, pair)} of b432925, as its {@code change} did it: the item
	 * {@code key:ID} first, then the index in its own format, then the marker's change
	 * stamp (this copy takes no lock: the tests call it when nothing else writes).
	 */
	static void replace(KeychainItems items, Path marker, String id, LongTermKey pair, Instant now) throws Exception {
		List<VaultKey> keys = parse(items.get("index").orElse("")).stream()
			.map((k) -> k.id().equals(id) ? new VaultKey(id, k.label(), pair.accessKeyId(), now) : k)
			.toList();
		items.set("key:" + id, pair.accessKeyId() + "\n" + pair.secretAccessKey());
		items.set("index", text(keys));
		stamp(marker);
	}

	/** The marker with a new change stamp, as every change of b432925 wrote it. */
	static void stamp(Path marker) throws Exception {
		VaultFiles.write(marker,
				("The keys of this portal's vault are in the OS keychain. No secret is in this file.\nchange "
						+ System.nanoTime() + "\n")
					.getBytes(StandardCharsets.UTF_8));
	}

}
