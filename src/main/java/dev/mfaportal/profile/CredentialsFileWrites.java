package dev.mfaportal.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the portal writes the person's credentials file, for saved profiles and the vault's
 * moves of key lines alike: under one lock, since two writers at once would each rename
 * over the other's file and lose its change, and durably, the folder synced after the
 * rename.
 */
final class CredentialsFileWrites {

	/**
	 * Held by every read-change-write of the credentials file in this JVM: the profile
	 * writer's and the key-line mover's.
	 */
	static final Object LOCK = new Object();

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private CredentialsFileWrites() {
	}

	/**
	 * A temporary file beside the target (the same file system, so the rename is atomic),
	 * owner-only from its creation, then given the target's permissions less anything
	 * beyond owner read and write: never looser than before, and never readable by
	 * others.
	 * @param target the file at the end of the links, which stay links
	 */
	static void write(Path target, String text) throws IOException {
		boolean exists = Files.exists(target);
		Path folder = target.getParent();
		boolean posix = Files.getFileStore(CredentialsFileTarget.existingAncestor(folder))
			.supportsFileAttributeView(PosixFileAttributeView.class);
		if (!Files.isDirectory(folder)) {
			if (posix) {
				Files.createDirectories(folder,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			else {
				Files.createDirectories(folder);
			}
		}
		Set<PosixFilePermission> permissions = EnumSet.copyOf(OWNER_ONLY);
		if (exists && posix) {
			permissions.retainAll(Files.getPosixFilePermissions(target));
		}
		Path temporary = posix
				? Files.createTempFile(folder, ".credentials-", ".tmp",
						PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(folder, ".credentials-", ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			if (posix) {
				Files.setPosixFilePermissions(temporary, permissions);
			}
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
			syncFolder(folder);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * The rename is durable only once the folder that names the file is written out: on
	 * Linux a folder opened for reading can be forced; where the OS refuses (Windows),
	 * its own rename is durable as it is.
	 */
	static void syncFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException notOnThisSystem) {
			// the file is written and renamed; only its durability across a crash is left
		}
	}

}
