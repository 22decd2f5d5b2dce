package dev.mfaportal.vault;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault costs nothing while it is unused: a portal started in its own JVM (the
 * default {@code portal.vault.backend=auto}), then asked for the form, has loaded no
 * class of D-Bus, JNA, java-keyring or Bouncy Castle, by the JVM's own class-loading log;
 * nor when a vault file exists but is still locked.
 */
class VaultLazyLoadingTest {

	static final List<String> VAULT_LIBRARIES = List.of("org.freedesktop.", "com.sun.jna.", "com.github.javakeyring.",
			"de.swiesend.", "org.bouncycastle.");

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@TempDir
	Path home;

	@Test
	void startAndFormWhenTheVaultIsUnusedThenNoClassOfItsLibrariesIsLoaded() throws Exception {
		assertThat(loadedAfterStartAndForm()).noneMatch((name) -> VAULT_LIBRARIES.stream().anyMatch(name::startsWith));
	}

	@Test
	void startAndFormWhenAVaultFileIsLockedThenNoClassOfItsLibrariesIsLoaded() throws Exception {
		Path file = this.home.resolve(".mfa-portal").resolve("vault");
		new FileVault(file, java.time.Clock.systemUTC()).unlock("a passphrase of the test", "a passphrase of the test");

		assertThat(loadedAfterStartAndForm()).noneMatch((name) -> VAULT_LIBRARIES.stream().anyMatch(name::startsWith));
	}

	private List<String> loadedAfterStartAndForm() throws Exception {
		Path classLog = this.home.resolve("classes.log");
		Process portal = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Duser.home=" + this.home, "-Xlog:class+load=info:file=" + classLog, "-cp",
				System.getProperty("java.class.path"), "dev.mfaportal.MfaPortalApplication", "--server.port=0",
				"--portal.access.launch-token=false", "--portal.vault.backend=auto",
				"--portal.vault.file=" + this.home.resolve(".mfa-portal").resolve("vault"),
				"--portal.data-dir=" + this.home.resolve(".mfa-portal"), "--spring.datasource.url=jdbc:h2:mem:lazy")
			.redirectErrorStream(true)
			.start();
		try {
			int port = port(portal);
			HttpResponse<String> form = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(form.statusCode()).isEqualTo(200);
			List<String> loaded = new ArrayList<>();
			for (String line : Files.readAllLines(classLog, StandardCharsets.UTF_8)) {
				int start = line.indexOf("] ");
				if (start > 0 && line.contains(" source: ")) {
					loaded.add(line.substring(start + 2, line.indexOf(' ', start + 2)));
				}
			}
			assertThat(loaded).as("the class-loading log").hasSizeGreaterThan(1000);
			return loaded;
		}
		finally {
			portal.destroy();
			if (!portal.waitFor(20, TimeUnit.SECONDS)) {
				portal.destroyForcibly();
			}
		}
	}

	private static int port(Process portal) throws Exception {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(portal.getInputStream(), StandardCharsets.UTF_8));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		for (String line = output.readLine(); line != null && System.nanoTime() < deadline; line = output.readLine()) {
			Matcher started = PORT.matcher(line);
			if (started.find()) {
				Thread drain = new Thread(() -> {
					try {
						output.transferTo(java.io.Writer.nullWriter());
					}
					catch (java.io.IOException closedWhenThePortalStopped) {
						// nothing more to read
					}
				});
				drain.setDaemon(true);
				drain.start();
				return Integer.parseInt(started.group(1));
			}
		}
		throw new IllegalStateException("the portal did not start");
	}

}
