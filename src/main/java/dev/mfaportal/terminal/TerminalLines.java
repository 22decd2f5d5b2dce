package dev.mfaportal.terminal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines a person pastes once: environment variables for bash/zsh, fish and PowerShell
 * that name the endpoint and read the token file at shell start, and
 * {@code credential_process} profiles for {@code ~/.aws/config}. The CLI runs
 * {@code credential_process} itself, without a shell (no {@code ~}, no {@code $(...)}),
 * so that line names curl and the token's header file by absolute path: curl is on every
 * machine the CLI runs on (Windows 10 and later, macOS, Linux distributions), and starts
 * in milliseconds where a JVM would add a second to every {@code aws} command.
 */
final class TerminalLines {

	/** Role profile names that go into a URL path and a config section unchanged. */
	static final Pattern SERVABLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9/._:@=?&%+\\\\-]+");

	private TerminalLines() {
	}

	/** The endpoint for the session ({@code profile} null) or a role profile. */
	static String url(int port, String profile) {
		return "http://127.0.0.1:" + port + "/credentials" + ((profile != null) ? "/" + profile : "");
	}

	static String bash(int port, String profile, Path tokenFile) {
		return "export AWS_CONTAINER_CREDENTIALS_FULL_URI=" + singleQuoted(url(port, profile)) + "\n"
				+ "export AWS_CONTAINER_AUTHORIZATION_TOKEN=\"$(cat " + singleQuoted(tokenFile.toString()) + ")\"\n";
	}

	static String fish(int port, String profile, Path tokenFile) {
		return "set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI " + fishQuoted(url(port, profile)) + "\n"
				+ "set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN (cat " + fishQuoted(tokenFile.toString()) + ")\n";
	}

	static String powershell(int port, String profile, Path tokenFile) {
		return "$env:AWS_CONTAINER_CREDENTIALS_FULL_URI = " + powershellQuoted(url(port, profile)) + "\n"
				+ "$env:AWS_CONTAINER_AUTHORIZATION_TOKEN = (Get-Content -Raw " + powershellQuoted(tokenFile.toString())
				+ ").Trim()\n";
	}

	/** {@code credential_process} profiles for the session and each role profile. */
	static String config(int port, List<String> roleProfiles, Path headerFile, Path curl) {
		StringBuilder config = new StringBuilder(section("mfa-portal", port, null, headerFile, curl));
		for (String role : roleProfiles) {
			config.append('\n').append(section("mfa-portal-" + role, port, role, headerFile, curl));
		}
		return config.toString();
	}

	private static String section(String name, int port, String profile, Path headerFile, Path curl) {
		return "[profile " + name + "]\ncredential_process = " + argument(curl.toString()) + " -sSf -H "
				+ argument("@" + headerFile) + " " + argument(url(port, profile) + "?format=process") + "\n";
	}

	/**
	 * curl's absolute path: the first on {@code PATH}, else where the system puts it.
	 */
	static Path curl() {
		boolean windows = File.separatorChar == '\\';
		String name = windows ? "curl.exe" : "curl";
		for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!entry.isBlank() && Files.isExecutable(Path.of(entry, name))) {
				return Path.of(entry, name).toAbsolutePath();
			}
		}
		return windows ? Path.of("C:\\Windows\\System32\\curl.exe") : Path.of("/usr/bin/curl");
	}

	/**
	 * The CLI splits the line as a POSIX shell would (without running one): a path with
	 * spaces goes in double quotes.
	 */
	private static String argument(String value) {
		if (PLAIN_ARGUMENT.matcher(value).matches()) {
			return value;
		}
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String singleQuoted(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

	private static String fishQuoted(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	private static String powershellQuoted(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
