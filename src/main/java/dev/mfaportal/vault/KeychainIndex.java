package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mfaportal.credentialsource.VaultKey;

/**
 * The keychain vault's {@code index} item: the keys, and the item that holds each one's
 * pair. One line per key, {@code ID, label (Base64), key id, stored (epoch seconds)}
 * separated by tabs, exactly as the first keychain portals wrote it: they read only lines
 * of four fields and skip any other, and always read a key's pair from {@code key:ID}. A
 * key whose pair is elsewhere for a while (a rotation names a new item before it moves
 * the pair to {@code key:ID}) gets a line of its own, {@code item, ID, name}, which they
 * skip. The five-field form of the version between (the item's name appended to the key's
 * line, which those portals skip entirely, and so saw no key) is read, never written.
 *
 * @param keys the keys, in the index's order
 * @param items the item of each key's pair, by key id
 */
record KeychainIndex(List<VaultKey> keys, Map<String, String> items) {

	private static final String ITEM = "item";

	/** The item a key's pair is in when no line names another. */
	static String firstItem(String id) {
		return "key:" + id;
	}

	static KeychainIndex parse(String text) {
		List<VaultKey> keys = new ArrayList<>();
		Map<String, String> items = new HashMap<>();
		Map<String, String> named = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] f = line.split("\t");
			if (f.length == 4 || f.length == 5) {
				keys.add(new VaultKey(f[0], new String(Base64.getDecoder().decode(f[1]), StandardCharsets.UTF_8), f[2],
						Instant.ofEpochSecond(Long.parseLong(f[3]))));
				items.put(f[0], (f.length == 5) ? f[4] : firstItem(f[0]));
			}
			else if (f.length == 3 && f[0].equals(ITEM)) {
				named.put(f[1], f[2]);
			}
		}
		named.forEach((id, item) -> items.computeIfPresent(id, (key, first) -> item));
		return new KeychainIndex(keys, items);
	}

	String text() {
		StringBuilder text = new StringBuilder();
		for (VaultKey key : this.keys) {
			text.append(key.id())
				.append('\t')
				.append(Base64.getEncoder().encodeToString(key.label().getBytes(StandardCharsets.UTF_8)))
				.append('\t')
				.append(key.accessKeyId())
				.append('\t')
				.append(key.storedAt().getEpochSecond())
				.append('\n');
		}
		for (VaultKey key : this.keys) {
			String item = item(key.id());
			if (!item.equals(firstItem(key.id()))) {
				text.append(ITEM).append('\t').append(key.id()).append('\t').append(item).append('\n');
			}
		}
		return text.toString();
	}

	/** The item of this key's pair. */
	String item(String id) {
		return this.items.getOrDefault(id, firstItem(id));
	}

}
