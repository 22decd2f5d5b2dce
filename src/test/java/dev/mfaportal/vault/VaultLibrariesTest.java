package dev.mfaportal.vault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The vault's libraries sit outside the class path the portal and its tests run with, and
 * come in through {@link VaultLibraries}' own class loader only.
 */
class VaultLibrariesTest {

	final ClassLoader app = VaultLibrariesTest.class.getClassLoader();

	@TempDir
	Path temporary;

	@Test
	void classPathWhenTheTestsRunThenNoClassOfAnyVaultLibraryIsOnIt() throws IOException {
		List<String> libraries = VaultLibraries.names(resource(VaultLibraries.INDEX));
		assertThat(libraries).hasSize(9);
		for (String library : libraries) {
			String someClass = firstClass(library);
			assertThat(this.app.getResource(someClass)).as(someClass + " of " + library + " on the class path")
				.isNull();
		}
	}

	@Test
	void argon2WhenDerivedThenByBouncyCastleInTheVaultsOwnLoader() throws Exception {
		byte[] once = Argon2Kdf.derive("a passphrase".toCharArray(), new byte[16], 64, 1, 1, 32);
		byte[] again = Argon2Kdf.derive("a passphrase".toCharArray(), new byte[16], 64, 1, 1, 32);
		byte[] other = Argon2Kdf.derive("another".toCharArray(), new byte[16], 64, 1, 1, 32);

		assertThat(once).hasSize(32).isEqualTo(again).isNotEqualTo(other);
		ClassLoader vault = VaultLibraries.loader();
		assertThat(vault.getName()).isEqualTo("mfa-portal-vault");
		assertThat(
				Class.forName("org.bouncycastle.crypto.generators.Argon2BytesGenerator", false, vault).getClassLoader())
			.isSameAs(vault);
		assertThat(Class.forName(VaultLibraries.ISOLATED + "Argon2id", false, vault).getClassLoader())
			.as("the class that names Bouncy Castle")
			.isSameAs(vault);
		assertThat(Class.forName(VaultLibrariesTest.class.getName(), false, vault)).isSameAs(VaultLibrariesTest.class);
	}

	@Test
	void unpackWhenTheBuildHasNoIndexThenItSaysSo() {
		assertThatIllegalStateException().isThrownBy(() -> VaultLibraries.unpack(resources(Map.of()), this.temporary))
			.withMessage("the vault's libraries are not in this build (no vault-lib/index)");
	}

	@Test
	void unpackWhenTheIndexNamesALibraryTheBuildLacksThenItSaysWhich() {
		ClassLoader build = resources(
				Map.of(VaultLibraries.INDEX, "vault-lib/a.jar,vault-lib/gone.jar\n", "vault-lib/a.jar", "not read"));

		assertThatIllegalStateException().isThrownBy(() -> VaultLibraries.unpack(build, this.temporary))
			.withMessageContaining("vault-lib/gone.jar");
	}

	@Test
	void unpackWhenAKilledPortalLeftItsFolderThenThatFolderGoesAndALiveOnesStays() throws Exception {
		Path left = folderOf(VaultLibrariesPlantedFoldersTest.endedProcess());
		Path live = folderOf(ProcessHandle.current().pid());
		Path unknown = Files.createDirectory(this.temporary.resolve(VaultLibraries.PREFIX + "-no-owner"));

		ClassLoader unpacked = VaultLibraries.unpack(
				resources(Map.of(VaultLibraries.INDEX, "vault-lib/a.jar", "vault-lib/a.jar", "a library")),
				this.temporary);

		assertThat(unpacked).isNotNull();
		assertThat(left).doesNotExist();
		assertThat(live.resolve("bcprov.jar")).exists();
		assertThat(unknown).as("no owner named: perhaps a portal still unpacking").exists();
		try (Stream<Path> folders = Files.list(this.temporary)) {
			Path mine = folders.filter((f) -> !f.equals(live) && !f.equals(unknown)).findFirst().orElseThrow();
			assertThat(Files.readString(mine.resolve(VaultLibraries.OWNER)))
				.isEqualTo(String.valueOf(ProcessHandle.current().pid()));
			assertThat(mine.resolve("a.jar")).hasContent("a library");
			assertThat(Files.getPosixFilePermissions(mine)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		}
	}

	private Path folderOf(long pid) throws IOException {
		Path folder = Files.createTempDirectory(this.temporary, VaultLibraries.PREFIX);
		Files.writeString(folder.resolve(VaultLibraries.OWNER), String.valueOf(pid));
		Files.writeString(folder.resolve("bcprov.jar"), "a library of its");
		return folder;
	}

	@Test
	void namesWhenTheIndexHasBlanksAndALineEndThenOnlyTheNames() {
		assertThat(VaultLibraries.names(" vault-lib/a.jar,,vault-lib/b.jar\n")).containsExactly("vault-lib/a.jar",
				"vault-lib/b.jar");
	}

	private String resource(String name) throws IOException {
		try (InputStream in = this.app.getResourceAsStream(name)) {
			assertThat(in).as(name + " (the build's generate-resources)").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String firstClass(String library) throws IOException {
		try (JarInputStream jar = new JarInputStream(this.app.getResourceAsStream(library))) {
			for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
				if (entry.getName().endsWith(".class") && !entry.getName().contains("-info")
						&& !entry.getName().startsWith("META-INF/")) {
					return entry.getName();
				}
			}
		}
		throw new AssertionError(library + " has no class");
	}

	/** A build that holds only these resources. */
	private static ClassLoader resources(Map<String, String> files) {
		return new ClassLoader(null) {
			@Override
			public InputStream getResourceAsStream(String name) {
				String content = files.get(name);
				return (content != null) ? new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)) : null;
			}

			@Override
			protected java.util.Enumeration<java.net.URL> findResources(String name) {
				return Collections.emptyEnumeration();
			}
		};
	}

}
