package dev.mfaportal.vault;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalProcess;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.support.SecretServiceExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault's libraries in the packaged jar (failsafe, after {@code package}): resources
 * under {@code vault-lib/}, never on its class path, so that a portal that does not use
 * the vault neither opens nor loads them; and both stores work from the jar, each loading
 * its library from the private folder they are unpacked to on first use.
 */
@ExtendWith(SecretServiceExtension.class)
class PackagedVaultIT {

	static final String PASSPHRASE = "h20c the packaged vault's passphrase";

	static final EmulatedUser USER = EmulatedAccounts.user("hpackaged");

	final Path jar = Path.of(System.getProperty("portal.jar", "target/none.jar"));

	@TempDir
	Path home;

	@Test
	void packageWhenBuiltThenEachVaultLibraryIsAResourceAndNoneIsOnTheClassPath() throws IOException {
		assertThat(this.jar).as("the packaged jar (failsafe runs after package)").exists();
		try (ZipFile packaged = new ZipFile(this.jar.toFile())) {
			ZipEntry index = packaged.getEntry("BOOT-INF/classes/" + VaultLibraries.INDEX);
			assertThat(index).as("the index of the vault's libraries").isNotNull();
			List<String> libraries = VaultLibraries
				.names(new String(packaged.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8));
			assertThat(libraries).hasSize(9)
				.anyMatch((name) -> name.contains("bcprov"))
				.anyMatch((name) -> name.contains("java-keyring"));
			List<String> entries = Collections.list(packaged.entries()).stream().map(ZipEntry::getName).toList();
			for (String library : libraries) {
				String file = library.substring(library.lastIndexOf('/') + 1);
				assertThat(entries).contains("BOOT-INF/classes/" + library).doesNotContain("BOOT-INF/lib/" + file);
			}
			String classPath = new String(
					packaged.getInputStream(packaged.getEntry("BOOT-INF/classpath.idx")).readAllBytes(),
					StandardCharsets.UTF_8);
			assertThat(classPath).doesNotContain("bcprov", "java-keyring", "dbus-java", "jna", "secret-service");
		}
	}

	@Test
	void unlockWhenThePackagedPortalRunsAFileVaultThenBouncyCastleLoadsOnlyThenFromItsPrivateFolder() throws Exception {
		Path classLog = this.home.resolve("classes.log");
		Path temporary = Files.createDirectories(this.home.resolve("tmp"));
		Path unpacked;
		try (PortalProcess portal = PortalProcess
			.launchJar(this.jar, this.home, "file",
					List.of("-Xlog:class+load=info:file=" + classLog, "-Djava.io.tmpdir=" + temporary), Map.of(),
					List.of("--portal.vault.backend=file", "--spring.datasource.url=jdbc:h2:mem:packaged"))
			.awaitStarted()) {
			assertThat(state(portal).attr("data-status")).as(portal::output).isEqualTo("NEW");
			assertThat(openFiles(portal)).as("files the portal holds open before the vault is made")
				.noneMatch((file) -> file.contains("vault-lib") || file.contains("bcprov"));
			assertThat(loaded(classLog)).noneMatch((line) -> line.contains("org.bouncycastle."));

			HttpResponse<String> unlocked = LocalVaultPortal.post(portal.browser(), "/keys/unlock",
					Map.of("passphrase", PASSPHRASE, "passphraseRepeat", PASSPHRASE));

			assertThat(unlocked.statusCode()).as(portal::output).isEqualTo(302);
			assertThat(state(portal).attr("data-status")).isEqualTo("READY");
			unpacked = onlyFolder(temporary);
			Path folder = unpacked;
			assertThat(Files.getPosixFilePermissions(unpacked)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
			assertThat(loaded(classLog))
				.anyMatch((line) -> line.contains("org.bouncycastle.crypto.generators.Argon2BytesGenerator source: ")
						&& line.contains(folder + "/bcprov-jdk18on-"));
		}
		assertThat(unpacked).as("the unpacked libraries, once the portal has stopped").doesNotExist();
	}

	@Test
	void storeWhenThePackagedPortalRunsTheKeychainThenTheKeyIsInTheSecretService(SecretService secrets)
			throws Exception {
		try (TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(USER));
				PortalProcess portal = PortalProcess.launchJar(this.jar, this.home, "keychain",
						List.of("-D" + SecretService.ADDRESS_PROPERTY + "=" + secrets.address()),
						Map.of(SecretService.ADDRESS_PROPERTY, secrets.address()),
						List.of("--portal.vault.backend=keychain", "--portal.vault.keychain-service=mfa-portal-h20c",
								"--portal.sts.endpoint=" + emulator.endpoint(), "--portal.sts.region=us-east-1",
								"--spring.datasource.url=jdbc:h2:mem:packaged-keychain"))
					.awaitStarted()) {
			HttpResponse<String> stored = LocalVaultPortal.post(portal.browser(), "/keys", Map.of("label", "h20c-kc",
					"accessKeyId", USER.accessKeyId(), "secretAccessKey", USER.secretAccessKey()));

			assertThat(stored.statusCode()).as(portal::output).isEqualTo(302);
			assertThat(state(portal).attr("data-status")).isEqualTo("READY");
			assertThat(secrets.search("service", "mfa-portal-h20c")).contains(USER.secretAccessKey());
		}
	}

	private static Element state(PortalProcess portal) throws Exception {
		return Html.parse(portal.browser().get("/keys").body()).selectFirst("[data-vault-state]");
	}

	/** What {@code /proc/PID/fd} links to: the files the portal has open. */
	private static List<String> openFiles(PortalProcess portal) throws IOException {
		List<String> files = new ArrayList<>();
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", String.valueOf(portal.pid()), "fd"))) {
			for (Path descriptor : descriptors.toList()) {
				try {
					files.add(Files.readSymbolicLink(descriptor).toString());
				}
				catch (IOException ex) {
					// closed between the listing and the reading
				}
			}
		}
		assertThat(files).as("the portal's open files").anyMatch((file) -> file.endsWith(".jar"));
		return files;
	}

	private static List<String> loaded(Path classLog) throws IOException {
		return Files.readAllLines(classLog, StandardCharsets.UTF_8);
	}

	private static Path onlyFolder(Path parent) throws IOException {
		try (Stream<Path> children = Files.list(parent)) {
			List<Path> folders = children.filter((p) -> p.getFileName().toString().startsWith("mfa-portal-vault-lib"))
				.toList();
			assertThat(folders).hasSize(1);
			return folders.get(0);
		}
	}

}
