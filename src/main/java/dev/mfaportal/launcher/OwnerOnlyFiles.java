package dev.mfaportal.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold a launch link's key or the run's secret: created readable by their
 * owner only (0600, in a 0700 folder if the folder is new), so another account on the
 * machine can't read them, and never half written.
 */
final class OwnerOnlyFiles {

	private OwnerOnlyFiles() {
	}

	/**
	 * A new file with a random name in {@code folder}, created 0600 before anything is
	 * written to it.
	 */
	static Path create(Path folder, String prefix, String suffix, String content) throws IOException {
		Path file = Files.createTempFile(folder(folder), prefix, suffix, ownerOnly("rw-------"));
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	/** Replaces {@code target} at once with a 0600 file holding {@code content}. */
	static void replace(Path target, String content) throws IOException {
		Path temporary = create(target.getParent(), "." + target.getFileName(), ".tmp", content);
		try {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static Path folder(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			Files.createDirectories(folder, ownerOnly("rwx------"));
		}
		return folder;
	}

	private static FileAttribute<?>[] ownerOnly(String permissions) {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

}
