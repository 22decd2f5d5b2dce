package dev.mfaportal.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret a program sends in {@code Authorization} to get credentials: kept in a file
 * only its owner can read (0600), so any shell of that person can read it at start and no
 * other user, and no web page, can. The same across restarts until the person asks for a
 * new one. Beside it, the same token as a header line for {@code curl -H @file}, which
 * the {@code credential_process} lines use.
 */
class TerminalToken {

	private static final Logger logger = LoggerFactory.getLogger(TerminalToken.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	private final SecureRandom random = new SecureRandom();

	private final Path file;

	private volatile byte[] token;

	/**
	 * The token a program last got in with: the pages open "Set up a terminal" while it
	 * is not the current one. An empty file beside the token ({@link #usedFile()}) keeps
	 * it across a restart; a new token removes that file.
	 */
	private volatile byte[] used;

	private Path replacedBecauseLoose;

	/**
	 * Reads the token, or creates it on first start. A stored token that others could
	 * have read (its file or its header twin readable by group or others) or swapped (a
	 * folder others can open or write) is not trusted: tightening the file again would
	 * keep a token another account may hold, so a new one replaces it.
	 * @param file where it is kept
	 */
	TerminalToken(Path file) {
		this.file = file.toAbsolutePath();
		try {
			Path folder = this.file.getParent();
			Optional<Path> loose = Stream.of(this.file, headerFile(), folder)
				.filter((path) -> looserThanOwnerOnly(path))
				.findFirst();
			String found = loose.isPresent() ? PosixFilePermissions.toString(Files.getPosixFilePermissions(loose.get()))
					: null;
			ownerOnlyFolder(folder);
			if (Files.isRegularFile(this.file)) {
				String stored = Files.readString(this.file, StandardCharsets.UTF_8).strip();
				if (!stored.isEmpty() && loose.isEmpty()) {
					this.token = stored.getBytes(StandardCharsets.UTF_8);
					writeHeaderFile(stored);
					if (Files.isRegularFile(usedFile(), LinkOption.NOFOLLOW_LINKS)) {
						this.used = this.token;
					}
					return;
				}
				if (!stored.isEmpty()) {
					this.replacedBecauseLoose = loose.get();
					logger.warn("{} was {}, so other accounts on this machine could have read the terminal token: "
							+ "made a new terminal token; paste the terminal lines again", loose.get(), found);
				}
			}
			renew();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the terminal token " + this.file, ex);
		}
	}

	/**
	 * The file or folder whose permissions made this run replace the stored token, if
	 * any: the pages then say that the terminal lines must be pasted again.
	 */
	Optional<Path> replacedBecauseLoose() {
		return Optional.ofNullable(this.replacedBecauseLoose);
	}

	/** The token file, for the shell lines. */
	Path file() {
		return this.file;
	}

	/** {@code Authorization: TOKEN}, for {@code curl -H @file}. */
	Path headerFile() {
		return this.file.resolveSibling(this.file.getFileName() + ".header");
	}

	/**
	 * Compared in constant time: the header is a secret a caller may probe. A token that
	 * admits is remembered as used.
	 */
	boolean admits(String authorization) {
		byte[] current = this.token;
		boolean admitted = authorization != null
				&& MessageDigest.isEqual(current, authorization.strip().getBytes(StandardCharsets.UTF_8));
		if (admitted && this.used != current) {
			this.used = current;
			rememberUsed();
		}
		return admitted;
	}

	/**
	 * Whether a program got in with the current token since it was made (or read at this
	 * start): a terminal has been set up with it.
	 */
	boolean usedSinceMade() {
		return this.used != null && this.used == this.token;
	}

	/** Says that a program got in with the token: an empty file, no secret in it. */
	Path usedFile() {
		return this.file.resolveSibling(this.file.getFileName() + ".used");
	}

	private void rememberUsed() {
		try {
			write(usedFile(), "");
		}
		catch (IOException ex) {
			// Only the set-up's fold depends on it: it opens once more after a restart.
			logger.debug("Could not remember that a terminal fetched: {}", ex.toString());
		}
	}

	/** A new token: shells started before it must read the file again. */
	synchronized void renew() throws IOException {
		Files.deleteIfExists(usedFile());
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		write(this.file, fresh + "\n");
		writeHeaderFile(fresh);
		this.token = fresh.getBytes(StandardCharsets.UTF_8);
	}

	private void writeHeaderFile(String value) throws IOException {
		write(headerFile(), "Authorization: " + value + "\n");
	}

	/**
	 * A temporary file created 0600 in the same folder, then renamed: no moment where the
	 * token is in a file others can read, and no half-written token.
	 */
	private static void write(Path target, String content) throws IOException {
		Path folder = target.getParent();
		if (!Files.isDirectory(folder)) {
			Files.createDirectories(folder,
					posix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER) }
							: new FileAttribute<?>[0]);
		}
		Path temporary = posix()
				? Files.createTempFile(folder, ".terminal-token", ".tmp",
						PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(folder, ".terminal-token", ".tmp");
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Any permission for group or others, on a file or folder that exists. */
	private static boolean looserThanOwnerOnly(Path path) {
		try {
			return posix() && Files.exists(path) && !OWNER_ONLY_FOLDER.containsAll(Files.getPosixFilePermissions(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The folder made by another program (the H2 database of the same data folder creates
	 * it with the umask's permissions) is the owner's only before a token goes in.
	 */
	private static void ownerOnlyFolder(Path folder) throws IOException {
		if (looserThanOwnerOnly(folder)) {
			Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
		}
	}

	private static boolean posix() {
		return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	@Override
	public String toString() {
		return "TerminalToken[file=" + this.file + "]";
	}

}
