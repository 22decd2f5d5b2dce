package dev.mfaportal.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file side of the vault: owner-only files written whole (a temporary file beside the
 * target, then an atomic rename, so no reader ever sees half of one), and a lock on a
 * sibling file that serialises read-modify-write between portals on one machine.
 */
final class VaultFiles {

	private VaultFiles() {
	}

	/**
	 * One JVM may hold the file lock once only (the JDK refuses an overlapping lock), so
	 * vaults of one JVM on the same file (two contexts) first take turns here.
	 */
	private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

	/**
	 * Runs the work while holding the lock of {@code lockFile} (created 0600): other
	 * portals wait, in this JVM and in others.
	 */
	static <T> T locked(Path lockFile, Callable<T> work) throws Exception {
		ReentrantLock turn = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
				(path) -> new ReentrantLock());
		turn.lock();
		try {
			return lockedFile(lockFile, work);
		}
		finally {
			turn.unlock();
		}
	}

	private static <T> T lockedFile(Path lockFile, Callable<T> work) throws Exception {
		folder(lockFile.toAbsolutePath().getParent());
		if (!Files.exists(lockFile)) {
			try {
				Files.createFile(lockFile, ownerOnly(lockFile.toAbsolutePath().getParent(), "rw-------"));
			}
			catch (java.nio.file.FileAlreadyExistsException anotherPortalWasFirst) {
				// the same lock file serves both
			}
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			return work.call();
		}
	}

	/** Replaces the file whole, owner-only from the first byte. */
	static void write(Path file, byte[] bytes) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		folder(folder);
		Path temporary = Files.createTempFile(folder, "." + file.getFileName() + "-", ".tmp",
				ownerOnly(folder, "rw-------"));
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

	private static void folder(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			Path existing = folder;
			while (existing.getParent() != null && !Files.exists(existing)) {
				existing = existing.getParent();
			}
			Files.createDirectories(folder, ownerOnly(existing, "rwx------"));
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path where, String permissions) throws IOException {
		return Files.getFileStore(where).supportsFileAttributeView(PosixFileAttributeView.class)
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

}
