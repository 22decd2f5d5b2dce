package dev.mfaportal.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The file a save really writes: the credentials file, or the end of the chain of
 * symbolic links it is (a dotfile manager's link stays a link, and a link to a file not
 * made yet makes that file), with what stops the portal from writing it, if anything.
 * Found before STS, so such a file costs no code.
 *
 * @param path the file to write
 * @param problem what stops the write, or {@code null}
 */
record CredentialsFileTarget(Path path, Problem problem) {

	/** As many links as Linux follows before it answers ELOOP. */
	private static final int MOST_LINKS = 40;

	/** Why a file can't be written; its key names the messages. */
	enum Problem {

		LINK_LOOP("linkLoop"), DIRECTORY("directory"), READ_ONLY("readOnly"), FOLDER("folder");

		private final String key;

		Problem(String key) {
			this.key = key;
		}

		String refusalCode() {
			return "profile.refused." + this.key;
		}

		String failureCode() {
			return "profile.failed." + this.key;
		}

	}

	static CredentialsFileTarget of(Path file) throws IOException {
		Path path = file.toAbsolutePath();
		for (int links = 0; Files.isSymbolicLink(path); links++) {
			if (links == MOST_LINKS) {
				return new CredentialsFileTarget(path, Problem.LINK_LOOP);
			}
			// a relative link is relative to the folder it lies in; not normalized,
			// since ".." after a linked folder is the kernel's to resolve
			path = path.resolveSibling(Files.readSymbolicLink(path));
		}
		if (Files.isDirectory(path)) {
			return new CredentialsFileTarget(path, Problem.DIRECTORY);
		}
		if (Files.exists(path) && readOnly(path)) {
			return new CredentialsFileTarget(path, Problem.READ_ONLY);
		}
		if (!Files.isDirectory(existingAncestor(path.getParent()))) {
			return new CredentialsFileTarget(path, Problem.FOLDER);
		}
		return new CredentialsFileTarget(path, null);
	}

	/**
	 * A file without its owner's write permission was made read-only on purpose: the
	 * rename the write ends with would replace it anyway (and root ignores the bit), so
	 * the bit itself is asked.
	 */
	private static boolean readOnly(Path path) throws IOException {
		if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
			return !Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_WRITE);
		}
		return !Files.isWritable(path);
	}

	static Path existingAncestor(Path folder) {
		Path existing = folder;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return (existing != null) ? existing : folder.getRoot();
	}

}
