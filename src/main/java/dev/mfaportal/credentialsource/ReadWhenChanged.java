package dev.mfaportal.credentialsource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Supplier;

/**
 * A list read again only when what it was read from changed: the files' stamps
 * ({@link #stamp}) and any other inputs, such as variables. A file counts as changed when
 * its modification time, size or identity (inode) differs, so an edit shows on the next
 * read. Holds no secret: what callers keep here is what they would show.
 *
 * @param <T> an element of the list
 */
final class ReadWhenChanged<T> {

	private volatile Read<T> last;

	/**
	 * @param inputs taken before reading: an edit during the read shows next time
	 * @param read reads the list afresh
	 */
	List<T> get(List<Object> inputs, Supplier<List<T>> read) {
		Read<T> previous = this.last;
		if (previous != null && previous.inputs().equals(inputs)) {
			return previous.values();
		}
		List<T> values = List.copyOf(read.get());
		this.last = new Read<>(inputs, values);
		return values;
	}

	/**
	 * What tells an edited file from the one read before; a missing file is one state.
	 */
	static Object stamp(Path path) {
		return FileStamp.of(path);
	}

	private record Read<T>(List<Object> inputs, List<T> values) {

	}

	private record FileStamp(Path path, Object modified, long size, Object inode) {

		static FileStamp of(Path path) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
				return new FileStamp(path, attributes.lastModifiedTime(), attributes.size(),
						String.valueOf(attributes.fileKey()));
			}
			catch (IOException ex) {
				return new FileStamp(path, "absent", -1, "absent");
			}
		}

	}

}
