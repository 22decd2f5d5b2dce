package dev.mfaportal.vault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The shared temporary folder may hold folders named as the vault's that another user
 * planted, to make a portal's clean-up of killed portals' folders delete what a link
 * points to, read a pipe forever or a device without end. The clean-up removes only
 * folders of its own user that no one else could have changed ({@code rwx------}),
 * holding plain files only, and reads a process id only from a small plain file.
 */
class VaultLibrariesPlantedFoldersTest {

	/** A process that has ended. */
	static long ended;

	@TempDir
	Path temporary;

	@BeforeAll
	static void endAProcess() throws Exception {
		ended = endedProcess();
	}

	/** The id of a process started and ended here. */
	static long endedProcess() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-version")
			.redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		process.waitFor();
		return process.pid();
	}

	@Test
	void unpackWhenAFolderLeftBehindIsNotOwnerOnlyThenItStays() throws Exception {
		Path planted = folder("rwxr-xr-x");

		unpack();

		assertThat(planted.resolve("bcprov.jar")).exists();
	}

	@Test
	void unpackWhenAFolderLeftBehindHoldsAFolderThenNothingInItGoesAndTheNextFolderStillGoes() throws Exception {
		Path planted = folder("rwx------");
		Path credentials = Files.createDirectories(planted.resolve("zzz")).resolve("credentials");
		Files.writeString(credentials, "what a link put here would point to");
		Path killed = folder("rwx------");

		unpack();

		assertThat(credentials).exists();
		assertThat(planted.resolve("bcprov.jar")).exists();
		assertThat(killed).doesNotExist();
	}

	@Test
	void unpackWhenAFolderLeftBehindNamesItsProcessInAPipeThenThePipeIsNotReadAndTheFolderStays() throws Exception {
		Path planted = folder("rwx------");
		Files.delete(planted.resolve(VaultLibraries.OWNER));
		Process mkfifo = new ProcessBuilder("mkfifo", planted.resolve(VaultLibraries.OWNER).toString()).start();
		assertThat(mkfifo.waitFor()).isZero();

		assertTimeoutPreemptively(Duration.ofSeconds(10), this::unpack);

		assertThat(planted.resolve("bcprov.jar")).exists();
	}

	@Test
	void unpackWhenAFolderLeftBehindNamesItsProcessThroughALinkToADeviceThenItIsNotReadAndTheFolderStays()
			throws Exception {
		Path planted = folder("rwx------");
		Files.delete(planted.resolve(VaultLibraries.OWNER));
		Files.createSymbolicLink(planted.resolve(VaultLibraries.OWNER), Path.of("/dev/zero"));

		assertTimeoutPreemptively(Duration.ofSeconds(10), this::unpack);

		assertThat(planted.resolve("bcprov.jar")).exists();
	}

	/**
	 * A folder as a killed portal leaves it, of the ended process, with these
	 * permissions.
	 */
	private Path folder(String permissions) throws IOException {
		Path folder = Files.createTempDirectory(this.temporary, VaultLibraries.PREFIX);
		Files.writeString(folder.resolve(VaultLibraries.OWNER), String.valueOf(ended));
		Files.writeString(folder.resolve("bcprov.jar"), "a library of its");
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions));
		return folder;
	}

	private void unpack() {
		assertThat(VaultLibraries.unpack(new ClassLoader(null) {
			@Override
			public InputStream getResourceAsStream(String name) {
				String content = VaultLibraries.INDEX.equals(name) ? "vault-lib/a.jar"
						: "vault-lib/a.jar".equals(name) ? "a library" : null;
				return (content != null) ? new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)) : null;
			}
		}, this.temporary)).isNotNull();
	}

}
