package dev.mfaportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flags measured in docs/benchmarks.md reach both ways of running the portal: the container
 * reads bench/jvm-flags.txt, {@code ./mvnw spring-boot:run} the pom's {@code portal.jvm-flags}, which
 * must all be among the measured ones.
 */
class JvmFlagsTest {

	@Test
	void pomFlagsWhenComparedWithTheBenchmarkedFileThenAllOfThemBenchmarked() throws IOException {
		List<String> benchmarked = Files.readAllLines(Path.of("bench/jvm-flags.txt"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		Matcher pom = Pattern.compile("<portal.jvm-flags>([^<]*)</portal.jvm-flags>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(pom.find()).as("pom.xml has <portal.jvm-flags>").isTrue();
		// the file may add flags that need a newer Java 17 update than a person may have
		assertThat(benchmarked).containsAll(Arrays.asList(pom.group(1).strip().split("\\s+")))
			.contains("-XX:+UseSerialGC");
	}

}
