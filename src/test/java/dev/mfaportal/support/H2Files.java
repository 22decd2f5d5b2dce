package dev.mfaportal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal's H2 database in files of a temporary directory of its own, for the canary
 * tests that look for secrets in every table and in every byte on disk. Held in a
 * {@code @RegisterExtension static} field, it is the portal's database
 * ({@link PortalDatabase}) and its directory is deleted after the test class.
 */
public final class H2Files implements PortalDatabase, AfterAllCallback {

	private final Path directory;

	private H2Files(Path directory) {
		this.directory = directory;
	}

	public static H2Files inTemporaryDirectory() {
		try {
			return new H2Files(Files.createTempDirectory("mfa-portal-h2-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String url() {
		return "jdbc:h2:file:" + this.directory.resolve("portal");
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/** Every value of every table, one a line, binary values as ISO-8859-1 text. */
	public static String everyValueInEveryTable(JdbcClient jdbc) {
		StringBuilder values = new StringBuilder();
		for (String table : tables(jdbc)) {
			jdbc.sql("select * from \"" + table + "\"").query((row) -> {
				for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
					Object value = row.getObject(column);
					values
						.append((value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
								: String.valueOf(value))
						.append('\n');
				}
			});
		}
		return values.toString();
	}

	public static List<String> tables(JdbcClient jdbc) {
		return jdbc.sql("select table_name from information_schema.tables where table_schema = 'PUBLIC'")
			.query(String.class)
			.list();
	}

	/**
	 * Every byte of every file in the directory as ISO-8859-1 text, after H2 wrote all it
	 * holds.
	 */
	public String everyByteOnDisk(JdbcClient jdbc) {
		jdbc.sql("checkpoint sync").update();
		StringBuilder bytes = new StringBuilder();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				bytes.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toString();
	}

}
