package dev.mfaportal.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.mfaportal.sts.AccessKeys;

/**
 * The vault file's format: a few text lines that name the version, the Argon2id
 * parameters, the salt, a check value and the AES-256-GCM nonce, then the ciphertext of
 * every entry (label and key id included, so nothing of a key is readable). The header
 * lines are the cipher's associated data: a changed parameter fails decryption. The check
 * value (a hash of half the derived bytes) tells a wrong passphrase from a damaged file.
 */
final class VaultFile {

	static final String MAGIC = "MFA-PORTAL-VAULT";

	static final int VERSION = 1;

	/**
	 * OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane; fits the portal's small heap.
	 */
	static final int MEMORY_KIB = 19456;

	static final int ITERATIONS = 2;

	/** The most a file may ask for: more would exhaust the heap before it failed. */
	private static final int MAX_MEMORY_KIB = 65536;

	private static final SecureRandom RANDOM = new SecureRandom();

	private VaultFile() {
	}

	/** Why a file can't be used; never overwritten then. */
	enum Problem {

		CORRUPT, TRUNCATED, NEWER

	}

	static final class Unreadable extends Exception {

		private final Problem problem;

		Unreadable(Problem problem, String detail) {
			super(problem + ": " + detail);
			this.problem = problem;
		}

		Problem problem() {
			return this.problem;
		}

	}

	/** One key, as the file holds it; {@link #toString()} masks it. */
	record Entry(String id, String label, String accessKeyId, String secret, Instant storedAt) {

		@Override
		public String toString() {
			return "Entry[" + this.id + ", " + AccessKeys.mask(this.accessKeyId) + "]";
		}

	}

	/** The KDF's input besides the passphrase, and the check of what it derives. */
	record Header(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] check) {

		String text() {
			return MAGIC + " " + VERSION + "\nkdf argon2id " + this.memoryKib + " " + this.iterations + " "
					+ this.parallelism + "\nsalt " + b64(this.salt) + "\ncheck " + b64(this.check) + "\n";
		}

	}

	record Parsed(Header header, byte[] nonce, byte[] data) {

	}

	/** What a passphrase derives: the cipher key and the check. */
	record Keys(byte[] cipherKey, byte[] check) {

	}

	static Keys derive(char[] passphrase, int memoryKib, int iterations, int parallelism, byte[] salt) {
		byte[] derived = Argon2Kdf.derive(passphrase, salt, memoryKib, iterations, parallelism, 64);
		try {
			return new Keys(Arrays.copyOf(derived, 32),
					MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(derived, 32, 64)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK has no SHA-256", ex);
		}
		finally {
			Arrays.fill(derived, (byte) 0);
		}
	}

	/** A new vault's header and keys. */
	record Fresh(Header header, Keys keys) {

		/** A fresh salt and today's parameters. */
		static Fresh of(char[] passphrase) {
			byte[] salt = random(16);
			Keys keys = derive(passphrase, MEMORY_KIB, ITERATIONS, 1, salt);
			return new Fresh(new Header(MEMORY_KIB, ITERATIONS, 1, salt, keys.check()), keys);
		}

	}

	static Parsed parse(byte[] bytes) throws Unreadable {
		String text = new String(bytes, StandardCharsets.US_ASCII);
		String[] lines = text.split("\n", -1);
		if (!lines[0].startsWith(MAGIC + " ")) {
			throw new Unreadable(Problem.CORRUPT, "not a vault file");
		}
		int version = number(lines[0].substring(MAGIC.length() + 1), 1, Integer.MAX_VALUE);
		if (version > VERSION) {
			throw new Unreadable(Problem.NEWER, "version " + version);
		}
		if (lines.length < 8 || !lines[6].equals("end")) {
			throw new Unreadable(Problem.TRUNCATED, lines.length + " lines");
		}
		String[] kdf = lines[1].split(" ");
		if (kdf.length != 5 || !"kdf".equals(kdf[0]) || !"argon2id".equals(kdf[1])) {
			throw new Unreadable(Problem.CORRUPT, "kdf line");
		}
		Header header = new Header(number(kdf[2], 8, MAX_MEMORY_KIB), number(kdf[3], 1, 10), number(kdf[4], 1, 4),
				field(lines[2], "salt"), field(lines[3], "check"));
		return new Parsed(header, field(lines[4], "nonce"), field(lines[5], "data"));
	}

	/**
	 * @throws GeneralSecurityException when the data does not decrypt: the file was
	 * changed or damaged (a wrong passphrase fails the check before this)
	 */
	static List<Entry> decrypt(Parsed parsed, byte[] cipherKey) throws GeneralSecurityException, Unreadable {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cipherKey, "AES"),
				new GCMParameterSpec(128, parsed.nonce()));
		cipher.updateAAD(parsed.header().text().getBytes(StandardCharsets.US_ASCII));
		String plain = new String(cipher.doFinal(parsed.data()), StandardCharsets.UTF_8);
		List<Entry> entries = new ArrayList<>();
		for (String line : plain.split("\n")) {
			if (line.isEmpty() || line.equals("entries " + VERSION)) {
				continue;
			}
			String[] f = line.split(" ");
			if (f.length != 6 || !f[0].equals("key")) {
				throw new Unreadable(Problem.CORRUPT, "entry");
			}
			entries.add(new Entry(text(f[1]), text(f[2]), text(f[3]), text(f[4]),
					Instant.ofEpochSecond(number(f[5], 0, Integer.MAX_VALUE))));
		}
		return entries;
	}

	/** The whole file: the header, a fresh nonce, the encrypted entries. */
	static byte[] encrypt(Header header, byte[] cipherKey, List<Entry> entries) throws GeneralSecurityException {
		StringBuilder plain = new StringBuilder("entries " + VERSION + "\n");
		for (Entry entry : entries) {
			plain.append("key ")
				.append(String.join(" ", b64(entry.id()), b64(entry.label()), b64(entry.accessKeyId()),
						b64(entry.secret()), String.valueOf(entry.storedAt().getEpochSecond())))
				.append('\n');
		}
		byte[] nonce = random(12);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cipherKey, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(header.text().getBytes(StandardCharsets.US_ASCII));
		byte[] data = cipher.doFinal(plain.toString().getBytes(StandardCharsets.UTF_8));
		return (header.text() + "nonce " + b64(nonce) + "\ndata " + Base64.getEncoder().encodeToString(data)
				+ "\nend\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static byte[] field(String line, String name) throws Unreadable {
		if (!line.startsWith(name + " ")) {
			throw new Unreadable(Problem.CORRUPT, name + " line");
		}
		try {
			return Base64.getDecoder().decode(line.substring(name.length() + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new Unreadable(Problem.CORRUPT, name + " is not Base64");
		}
	}

	private static int number(String text, int min, int max) throws Unreadable {
		try {
			int value = Integer.parseInt(text.trim());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new Unreadable(Problem.CORRUPT, "a number out of range");
	}

	private static String b64(String text) {
		return b64(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static String text(String b64) throws Unreadable {
		try {
			return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new Unreadable(Problem.CORRUPT, "entry is not Base64");
		}
	}

}
