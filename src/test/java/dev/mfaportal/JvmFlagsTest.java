package dev.mfaportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.BenchmarkedJvmFlags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flags measured in docs/benchmarks.md reach both ways of running the portal: the
 * container image, compose and its example env file carry every flag of
 * bench/jvm-flags.txt; {@code ./mvnw spring-boot:run} the pom's {@code portal.jvm-flags},
 * which must all be among them; the installed launcher ({@code -Pdist}) is made with the
 * file itself and the desktop's own additions ({@code DistPackageIT} reads every flag
 * back from the launcher's configuration).
 */
class JvmFlagsTest {

	@Test
	void containerFlagsWhenComparedWithTheBenchmarkedFileThenEveryOneOfThemIsThere() throws IOException {
		List<String> benchmarked = BenchmarkedJvmFlags.read();
		for (String file : List.of("docker/Dockerfile", "docker/compose.yaml", "docker/portal.env.example")) {
			Matcher line = Pattern.compile("JAVA_OPTS[=:][^\\n]*").matcher(Files.readString(Path.of(file)));
			assertThat(line.find()).as(file + " sets JAVA_OPTS").isTrue();
			List<String> flags = Pattern.compile("-X[^\\s\"}]+")
				.matcher(line.group())
				.results()
				.map(MatchResult::group)
				.toList();
			assertThat(flags).as(file).containsAll(benchmarked);
		}
	}

	@Test
	void pomFlagsWhenComparedWithTheBenchmarkedFileThenAllOfThemBenchmarked() throws IOException {
		List<String> benchmarked = BenchmarkedJvmFlags.read();
		Matcher pom = Pattern.compile("<portal.jvm-flags>([^<]*)</portal.jvm-flags>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(pom.find()).as("pom.xml has <portal.jvm-flags>").isTrue();
		// the file may add flags that need a newer Java 17 update than a person may have
		assertThat(benchmarked).containsAll(Arrays.asList(pom.group(1).strip().split("\\s+")))
			.contains("-XX:+UseSerialGC");
	}

	@Test
	void installedLauncherFlagsWhenPackagedThenTakenFromTheBenchmarkedFile() throws IOException {
		Matcher dist = Pattern
			.compile("<id>dist</id>.*?<argument>src/dist/BuildPackage.java</argument>(.*?)</arguments>", Pattern.DOTALL)
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(dist.find()).as("pom.xml's dist profile runs src/dist/BuildPackage.java").isTrue();
		List<String> arguments = Pattern.compile("<argument>([^<]*)</argument>")
			.matcher(dist.group(1))
			.results()
			.map((argument) -> argument.group(1))
			.toList();
		assertThat(arguments).containsSequence("--flags", BenchmarkedJvmFlags.INSTALLED_FILES);
	}

}
