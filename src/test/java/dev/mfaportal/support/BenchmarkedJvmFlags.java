package dev.mfaportal.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM flags the benchmarks chose, from {@code bench/jvm-flags.txt}: what every
 * launcher (the scripts, the pom's run and dist profiles, the packages) must pass.
 */
public final class BenchmarkedJvmFlags {

	private BenchmarkedJvmFlags() {
	}

	/** One flag a line, without blank lines and {@code #} comments. */
	public static List<String> read() throws IOException {
		return Files.readAllLines(Path.of("bench/jvm-flags.txt"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

}
