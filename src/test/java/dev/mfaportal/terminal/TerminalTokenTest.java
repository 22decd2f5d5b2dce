package dev.mfaportal.terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal token's file: created at first start for its owner only, the same after a
 * restart unless others could have read it, replaced by "New token", and the only thing
 * that admits a program.
 */
@ExtendWith(OutputCaptureExtension.class)
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
	void restartWhenFileHeaderAndFolderAreOwnerOnlyThenTheSameTokenAndNothingToPasteAgain() throws Exception {
		Path file = this.home.resolve(".mfa-portal/terminal-token");
		String value = Files.readString(new TerminalToken(file).file()).strip();

		TerminalToken restarted = new TerminalToken(file);

		assertThat(restarted.admits(value)).isTrue();
		assertThat(restarted.replacedBecauseLoose()).isEmpty();
	}

	/**
	 * Every local account could have read (or, through the folder, swapped) the token
	 * while it was loose: tightening it again would keep a token others may hold.
	 */
	@ParameterizedTest
	@CsvSource({ "terminal-token, rw-r--r--", "terminal-token, rw-rw----", "terminal-token.header, rw-r--r--",
			"terminal-token.header, rw------x", ", rwxr-xr-x", ", rwx-----x", ", rwxrwx---" })
	void restartWhenTheFileItsHeaderOrTheFolderWasLooserThanOwnerOnlyThenANewTokenAndTheLogSaysWhy(String loosened,
			String permissions, CapturedOutput log) throws Exception {
		Path file = this.home.resolve(".mfa-portal/terminal-token");
		String old = Files.readString(new TerminalToken(file).file()).strip();
		Path loose = (loosened != null) ? file.resolveSibling(loosened) : file.getParent();
		Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString(permissions));

		TerminalToken restarted = new TerminalToken(file);

		String fresh = Files.readString(file).strip();
		assertThat(fresh).isNotEqualTo(old).matches("[A-Za-z0-9_-]{43}");
		assertThat(restarted.admits(old)).isFalse();
		assertThat(restarted.admits(fresh)).isTrue();
		assertThat(Files.readString(restarted.headerFile())).isEqualTo("Authorization: " + fresh + "\n");
		assertThat(restarted.replacedBecauseLoose()).contains(loose);
		for (Path path : List.of(file, restarted.headerFile())) {
			assertThat(Files.getPosixFilePermissions(path)).as(path.toString())
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		assertThat(Files.getPosixFilePermissions(file.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(log.getOut())
			.containsPattern("WARN .*" + Pattern.quote(loose.toString()) + ".*" + permissions + ".*new terminal token")
			.doesNotContain(old)
			.doesNotContain(fresh);
	}

	@Test
	void firstStartWhenTheFolderExistsLooseButHoldsNoTokenThenTightenedAndNothingToPasteAgain() throws Exception {
		Path folder = Files.createDirectory(this.home.resolve(".mfa-portal"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

		TerminalToken token = new TerminalToken(folder.resolve("terminal-token"));

		assertThat(token.replacedBecauseLoose()).isEmpty();
		assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
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
			assertThat(files.map((path) -> path.getFileName().toString())).as("no temporary file left")
				.containsExactlyInAnyOrder("terminal-token", "terminal-token.header", "terminal-token.used");
		}
	}

	@Test
	void admitsWhenMissingEmptyOrOffByOneCharacterThenNot() {
		TerminalToken token = new TerminalToken(this.home.resolve("terminal-token"));

		assertThat(token.admits(null)).isFalse();
		assertThat(token.admits("")).isFalse();
		assertThat(token.admits("Bearer x")).isFalse();
	}

	@Test
	void usedSinceMadeWhenOnlyRefusedThenNotWhenAdmittedThenYesAndANewTokenStartsOver() throws Exception {
		TerminalToken token = new TerminalToken(this.home.resolve("terminal-token"));
		String value = Files.readString(token.file()).strip();

		token.admits("not-the-token");
		assertThat(token.usedSinceMade()).isFalse();
		token.admits(value);
		assertThat(token.usedSinceMade()).isTrue();
		token.renew();
		assertThat(token.usedSinceMade()).isFalse();
		token.admits(value);
		assertThat(token.usedSinceMade()).as("the old token no longer counts").isFalse();
	}

	/**
	 * A person who starts the portal each morning set their terminals up once: the next
	 * start, with the same token, keeps the set-up folded. A new token opens it again,
	 * also across a restart.
	 */
	@Test
	void usedSinceMadeWhenTheSameTokenIsReadAtTheNextStartThenStillUsedAndANewTokenStartsOver() throws Exception {
		Path file = this.home.resolve("terminal-token");
		TerminalToken first = new TerminalToken(file);
		String value = Files.readString(file).strip();
		first.admits(value);

		TerminalToken second = new TerminalToken(file);
		assertThat(second.usedSinceMade()).isTrue();
		second.renew();
		assertThat(new TerminalToken(file).usedSinceMade()).isFalse();
	}

}
