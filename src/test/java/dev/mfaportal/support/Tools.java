package dev.mfaportal.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tests that need a tool a fresh machine lacks (fish, the AWS CLI, Chromium) skip with the reason
 * there, and fail in CI ({@code CI=true}), whose {@code .ci/run} installs them: a skipped test in CI
 * would hide a missing install step.
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
