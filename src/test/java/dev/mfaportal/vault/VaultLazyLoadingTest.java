package dev.mfaportal.vault;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mfaportal.support.PortalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault costs nothing while it is unused: a portal started in its own JVM
 * ({@link PortalProcess}, the default {@code portal.vault.backend=auto}), then asked for
 * the form, has loaded no class of D-Bus, JNA, java-keyring, Bouncy Castle or the SDK's
 * IAM module, by the JVM's own class-loading log; nor when a vault file exists but is
 * still locked.
 */
class VaultLazyLoadingTest {

	static final List<String> VAULT_LIBRARIES = List.of("org.freedesktop.", "com.sun.jna.", "com.github.javakeyring.",
			"de.swiesend.", "org.bouncycastle.", "software.amazon.awssdk.services.iam.");

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
		try (PortalProcess portal = PortalProcess
			.launch(this.home, "portal", List.of("-Xlog:class+load=info:file=" + classLog), Map.of(),
					List.of("--portal.vault.backend=auto",
							"--portal.vault.file=" + this.home.resolve(".mfa-portal").resolve("vault"),
							"--portal.data-dir=" + this.home.resolve(".mfa-portal"),
							"--spring.datasource.url=jdbc:h2:mem:lazy"))
			.awaitStarted()) {
			HttpResponse<String> form = portal.browser().get("/");
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
	}

}
