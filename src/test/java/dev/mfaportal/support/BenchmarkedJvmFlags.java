package dev.mfaportal.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the benchmarks chose: {@code bench/jvm-flags.txt}, what every way of
 * running the portal must pass (the scripts, the pom's run and dist profiles, the
 * container, the packages), and {@code bench/jvm-flags-desktop.txt}, what the installed
 * launcher adds to them.
 */
public final class BenchmarkedJvmFlags {

	/** The {@code --flags} of {@code src/dist/BuildPackage.java}. */
	public static final String INSTALLED_FILES = "bench/jvm-flags.txt,bench/jvm-flags-desktop.txt";

	private BenchmarkedJvmFlags() {
	}

	/**
	 * One flag a line of {@code bench/jvm-flags.txt}, without blank lines and comments.
	 */
	public static List<String> read() throws IOException {
		return read("bench/jvm-flags.txt");
	}

	/** Every flag the installed launcher carries, from both files. */
	public static List<String> installed() throws IOException {
		List<String> flags = new ArrayList<>();
		for (String file : INSTALLED_FILES.split(",")) {
			flags.addAll(read(file));
		}
		return flags;
	}

	private static List<String> read(String file) throws IOException {
		return Files.readAllLines(Path.of(file))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

}
