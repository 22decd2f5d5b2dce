package dev.mfaportal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.mfaportal.support.BenchmarkedJvmFlags;
import dev.mfaportal.support.Tools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the package tests share: the {@code .deb} made as {@code ./mvnw -Pdist package}
 * makes it, with a given JDK, unpacked into a temporary root.
 */
final class DebPackaging {

	private DebPackaging() {
	}

	/**
	 * Runs {@code src/dist/BuildPackage.java} with {@code java} into {@code work/dist}.
	 * Skips (or, in CI, fails) without {@code dpkg-deb} and {@code fakeroot}.
	 * @return the {@code dist} folder, holding the app image and the {@code .deb}
	 */
	static Path build(Path work, Path java, String test) throws Exception {
		Tools.require(Tools.onPath("dpkg-deb").isPresent() && Tools.onPath("fakeroot").isPresent(),
				"no dpkg-deb or no fakeroot, which jpackage needs for a .deb (Debian: apt-get install dpkg fakeroot)");
		Path jar = Path.of(System.getProperty("portal.jar", "target/none.jar"));
		assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();
		long start = System.nanoTime();
		Path dist = work.resolve("dist");
		Path log = work.resolve("build.log");
		ProcessBuilder build = new ProcessBuilder(java.toString(), "src/dist/BuildPackage.java", "--jar",
				jar.toString(), "--dest", dist.toString(), "--version", "0.1.0", "--flags",
				BenchmarkedJvmFlags.INSTALLED_FILES, "--modules", System.getProperty("portal.dist.modules"),
				"--installer", "deb")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// dpkg-deb's fastest compression: xz would spend minutes on what is unpacked at
		// once
		build.environment().put("DPKG_DEB_COMPRESSOR_TYPE", "gzip");
		build.environment().put("DPKG_DEB_COMPRESSOR_LEVEL", "1");
		Process packaging = build.start();
		assertThat(packaging.waitFor(10, TimeUnit.MINUTES)).as("packaging ends").isTrue();
		assertThat(packaging.exitValue()).as(Files.readString(log)).isZero();
		System.out.printf("%s: app image and .deb in %d s%n", test,
				Duration.ofNanos(System.nanoTime() - start).toSeconds());
		return dist;
	}

	/** The one {@code .deb} in {@code dist}. */
	static Path deb(Path dist) throws IOException {
		try (Stream<Path> files = Files.list(dist)) {
			List<Path> debs = files.filter((file) -> file.toString().endsWith(".deb")).toList();
			assertThat(debs).as("one .deb in " + dist).hasSize(1);
			return debs.get(0);
		}
	}

	/** The {@code .deb}'s files under {@code root}, as {@code dpkg-deb -x} puts them. */
	static void unpack(Path deb, Path root) throws Exception {
		Process unpack = new ProcessBuilder("dpkg-deb", "-x", deb.toString(), root.toString()).inheritIO().start();
		assertThat(unpack.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(unpack.exitValue()).isZero();
	}

	/** The {@code java-options} of a jpackage launcher's configuration. */
	static List<String> javaOptions(Path config) throws IOException {
		List<String> options = new ArrayList<>();
		for (String line : Files.readAllLines(config)) {
			if (line.startsWith("java-options=")) {
				options.add(line.substring("java-options=".length()));
			}
		}
		return options;
	}

}
