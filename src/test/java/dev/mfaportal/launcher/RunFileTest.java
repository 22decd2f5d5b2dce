package dev.mfaportal.launcher;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second start sends the proof of the secret in {@code portal-run} to the address the
 * file names, so it reads only a file this account's portal could have written: a plain
 * file, the user's own, readable by the user only. Anything else another account may have
 * put or read there.
 */
class RunFileTest {

	@TempDir
	Path folder;

	private Path file;

	@BeforeEach
	void posixOnly() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
				"owner and mode are POSIX notions");
		this.file = Files.writeString(this.folder.resolve(RunFile.NAME), "url=http://127.0.0.1:9/\nsecret=s\n");
		Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void readWhenOwnerOnlyPlainFileOfTheUserThenRead() throws IOException {
		assertThat(RunFile.read(this.file)).hasValueSatisfying((running) -> {
			assertThat(running.base()).hasToString("http://127.0.0.1:9/");
			assertThat(running.secret()).isEqualTo("s");
		});
	}

	@Test
	void readWhenOthersMayReadTheFileThenRefused() throws IOException {
		Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-r--r--"));
		assertRefused(this.file, "launcher.runFile.openToOthers");
	}

	@Test
	void readWhenTheGroupMayWriteTheFileThenRefused() throws IOException {
		Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw--w----"));
		assertRefused(this.file, "launcher.runFile.openToOthers");
	}

	@Test
	void readWhenTheFileIsASymbolicLinkThenRefusedEvenToAnOwnerOnlyTarget() throws IOException {
		Path link = Files.createSymbolicLink(this.folder.resolve("link"), this.file);
		assertRefused(link, "launcher.runFile.link");
	}

	@Test
	void readWhenTheFileBelongsToAnotherAccountThenRefused() throws IOException {
		UserPrincipalLookupService accounts = this.file.getFileSystem().getUserPrincipalLookupService();
		UserPrincipal owner = Files.getOwner(this.file, LinkOption.NOFOLLOW_LINKS);
		UserPrincipal someoneElse = accounts.lookupPrincipalByName(owner.getName().equals("root") ? "nobody" : "root");
		assertThatExceptionOfType(RunFile.Refused.class).isThrownBy(() -> RunFile.read(this.file, someoneElse))
			.satisfies((refused) -> assertThat(refused.messageCode()).isEqualTo("launcher.runFile.notOwner"));
	}

	/**
	 * A container run with an arbitrary uid has no account of that uid, and Java's
	 * {@code user.name} then names none ({@code ?}): the owner's own file is still
	 * theirs.
	 */
	@Test
	void readWhenTheUserNameNamesNoAccountThenTheFileOfThisProcesssOwnerIsStillRead() throws IOException {
		String userName = System.getProperty("user.name");
		System.setProperty("user.name", "?");
		try {
			assertThat(RunFile.read(this.file))
				.hasValueSatisfying((running) -> assertThat(running.base()).hasToString("http://127.0.0.1:9/"));
		}
		finally {
			System.setProperty("user.name", userName);
		}
		try (var left = Files.list(this.folder)) {
			assertThat(left).as("nothing left behind").containsExactly(this.file);
		}
	}

	private static void assertRefused(Path file, String messageCode) {
		assertThatExceptionOfType(RunFile.Refused.class).isThrownBy(() -> RunFile.read(file))
			.satisfies((refused) -> assertThat(refused.messageCode()).isEqualTo(messageCode))
			.satisfies((refused) -> assertThat(refused.file()).isEqualTo(file));
	}

}
