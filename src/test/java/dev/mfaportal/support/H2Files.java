package dev.mfaportal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The portal's H2 database in files of a test's temporary directory, for the canary tests
 * that look for secrets in every table and in every byte on disk.
 */
public final class H2Files {

	private H2Files() {
	}

	/** Points {@code spring.datasource.url} at a file database in the directory. */
	public static void register(DynamicPropertyRegistry registry, Supplier<Path> directory) {
		registry.add("spring.datasource.url", () -> url(directory.get()));
	}

	public static String url(Path directory) {
		return "jdbc:h2:file:" + directory.resolve("portal");
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
	public static String everyByteOnDisk(JdbcClient jdbc, Path directory) {
		jdbc.sql("checkpoint sync").update();
		StringBuilder bytes = new StringBuilder();
		try (Stream<Path> files = Files.list(directory)) {
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
