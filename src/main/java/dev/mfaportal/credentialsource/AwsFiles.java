package dev.mfaportal.credentialsource;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the AWS CLI and SDKs look for their files: {@code AWS_SHARED_CREDENTIALS_FILE}
 * and {@code AWS_CONFIG_FILE} ({@code ~/} expanded), else {@code ~/.aws/credentials} and
 * {@code ~/.aws/config}. One rule for what the portal reads and what it writes.
 *
 * @param environment the process environment ({@code System::getenv}), injectable for
 * tests
 * @param home the user's home folder
 */
public record AwsFiles(Function<String, String> environment, Path home) {

	/** The real ones: this process's environment and {@code user.home}. */
	public static AwsFiles ofThisProcess() {
		return new AwsFiles(System::getenv, Path.of(System.getProperty("user.home")));
	}

	public Path credentialsFile() {
		return file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
	}

	public Path configFile() {
		return file("AWS_CONFIG_FILE", "config");
	}

	private Path file(String variable, String name) {
		String configured = this.environment.apply(variable);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured.startsWith("~/") ? this.home + configured.substring(1) : configured);
		}
		return this.home.resolve(".aws").resolve(name);
	}

}
