package dev.mfaportal.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tests that need a tool a fresh machine lacks (fish, the AWS CLI, Chromium) skip with
 * the reason there, and fail in CI ({@code CI=true}), whose {@code .ci/run} installs
 * them: a skipped test in CI would hide a missing install step.
 */
public final class Tools {

	private Tools() {
	}

	/** The executable on {@code PATH}, if there is one. */
	public static Optional<Path> onPath(String command) {
		for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(entry, command);
			if (!entry.isEmpty() && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Debian's Chromium and its chromedriver ({@code PORTAL_CHROMIUM} and
	 * {@code PORTAL_CHROMEDRIVER} name others); skips or fails as {@link #require} does.
	 * @return the browser and the driver, in that order
	 */
	public static Path[] requireChromium() {
		Path browser = Path.of(System.getenv().getOrDefault("PORTAL_CHROMIUM", "/usr/bin/chromium"));
		Path driver = Path.of(System.getenv().getOrDefault("PORTAL_CHROMEDRIVER", "/usr/bin/chromedriver"));
		require(Files.isExecutable(browser) && Files.isExecutable(driver), "no Chromium at " + browser
				+ " or no chromedriver at " + driver + " (Debian: apt-get install chromium chromium-driver)");
		return new Path[] { browser, driver };
	}

	/**
	 * A Java 25 ({@code JAVA25_HOME}, else Debian's Temurin path), for the tests of the
	 * container image and of the installable package.
	 * @return its {@code java}, or {@code null} when there is none
	 */
	public static Path java25() {
		String home = System.getenv("JAVA25_HOME");
		for (String candidate : new String[] { home, "/usr/lib/jvm/temurin-25-jdk-amd64" }) {
			if (candidate != null && Files.isExecutable(Path.of(candidate, "bin", "java"))) {
				return Path.of(candidate, "bin", "java");
			}
		}
		return null;
	}

	/**
	 * Java 25's {@code java}, or the test skipped (failed in CI) when there is none.
	 */
	public static Path requireJava25() {
		Path java25 = java25();
		require(java25 != null, "no Java 25 (set JAVA25_HOME, or install Temurin 25)");
		return java25;
	}

	/**
	 * A Java 17 JDK with {@code jpackage} ({@code JAVA17_HOME}, else the one running the
	 * tests when it is a 17, else Debian's path), for the test of the package made with
	 * an AppCDS archive; skips or fails as {@link #require} does.
	 * @return its {@code java}
	 */
	public static Path requireJava17() {
		String running = (Runtime.version().feature() == 17) ? System.getProperty("java.home") : null;
		for (String home : new String[] { System.getenv("JAVA17_HOME"), running,
				"/usr/lib/jvm/java-17-openjdk-amd64" }) {
			if (home != null && Files.isExecutable(Path.of(home, "bin", "jpackage"))) {
				return Path.of(home, "bin", "java");
			}
		}
		require(false, "no Java 17 JDK with jpackage (set JAVA17_HOME, or apt-get install openjdk-17-jdk)");
		return null;
	}

	/**
	 * Debian's AWS CLI v2 ({@code PORTAL_AWS_CLI} names another), the client people run:
	 * not the first {@code aws} on the {@code PATH}, which may be a v1 in a Python
	 * environment. Skips or fails as {@link #require} does.
	 * @return its executable
	 */
	public static Path requireAwsCli() {
		Path cli = Path.of(System.getenv().getOrDefault("PORTAL_AWS_CLI", "/usr/bin/aws"));
		require(Files.isExecutable(cli), "no AWS CLI at " + cli + " (Debian: apt-get install awscli)");
		return cli;
	}

	/**
	 * Skips the test (or fails it in CI) unless the tool is there.
	 * @param available whether the tool was found
	 * @param reason what is missing and how to install it
	 */
	public static void require(boolean available, String reason) {
		if (available) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("CI must run this test, but " + reason);
		}
		Assumptions.abort("Skipped: " + reason);
	}

}
