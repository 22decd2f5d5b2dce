package dev.mfaportal.terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal token's file: created at first start for its owner only, the same after a
 * restart, replaced by "New token", and the only thing that admits a program.
 */
class TerminalTokenTest {

	@TempDir
	Path home;

	@Test
	void firstStartWhenNoFileThenTokenAndHeaderFileOnlyTheOwnerCanReadInAFolderOnlyTheOwnerCanOpen() throws Exception {
		TerminalToken token = new TerminalToken(this.home.resolve(".mfa-portal/terminal-token"));

		assertThat(Files.getPosixFilePermissions(token.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(token.headerFile()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(token.file().getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		String value = Files.readString(token.file()).strip();
		assertThat(value).matches("[A-Za-z0-9_-]{43}");
		assertThat(Files.readString(token.headerFile())).isEqualTo("Authorization: " + value + "\n");
		assertThat(token.admits(value)).isTrue();
	}

	@Test
	void restartWhenFileExistsThenTheSameTokenAndALoosenedFileIsTightened() throws Exception {
		Path file = this.home.resolve("terminal-token");
		String value = Files.readString(new TerminalToken(file).file()).strip();
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		TerminalToken restarted = new TerminalToken(file);

		assertThat(restarted.admits(value)).isTrue();
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void renewWhenAskedThenTheOldTokenNoLongerAdmitsAndTheFileHoldsTheNewOne() throws Exception {
		TerminalToken token = new TerminalToken(this.home.resolve("terminal-token"));
		String old = Files.readString(token.file()).strip();

		token.renew();

		String fresh = Files.readString(token.file()).strip();
		assertThat(fresh).isNotEqualTo(old);
		assertThat(token.admits(old)).isFalse();
		assertThat(token.admits(fresh)).isTrue();
		assertThat(Files.getPosixFilePermissions(token.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		try (var files = Files.list(this.home)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("terminal-token",
					"terminal-token.header");
		}
	}

	@Test
	void admitsWhenMissingEmptyOrOffByOneCharacterThenNot() {
		TerminalToken token = new TerminalToken(this.home.resolve("terminal-token"));

		assertThat(token.admits(null)).isFalse();
		assertThat(token.admits("")).isFalse();
		assertThat(token.admits("Bearer x")).isFalse();
	}

}
