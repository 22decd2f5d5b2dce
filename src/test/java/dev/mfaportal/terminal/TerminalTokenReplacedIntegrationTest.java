package dev.mfaportal.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal started on a terminal token file that other accounts could read (as after
 * {@code chmod -R go+r ~} or dotfiles restored from a backup): the token in it no longer
 * admits, and the form and the result page tell the person to paste the terminal lines
 * again.
 */
class TerminalTokenReplacedIntegrationTest extends ServedPortal {

	static final String READ_BY_OTHERS = "a-token-every-local-account-could-read-00000";

	static final Path TOKEN_FILE = looseTokenFile();

	@DynamicPropertySource
	static void tokenFile(DynamicPropertyRegistry registry) {
		registry.add("portal.terminal.token-file", TOKEN_FILE::toString);
	}

	@Test
	void startWhenTheTokenFileWasReadableByOthersThenItsTokenIsRefusedAndBothPagesSayToPasteTheLinesAgain()
			throws Exception {
		assertThat(program("/credentials", READ_BY_OTHERS).statusCode()).isEqualTo(401);
		assertThat(token()).isNotEqualTo(READ_BY_OTHERS);
		assertThat(program("/credentials", token()).statusCode()).as("the new token admits").isEqualTo(503);

		assertReplacedNotice(Jsoup.parse(this.browser.get("/").body()));
		Document result = issue(user("lou"), true);
		assertReplacedNotice(result);
		assertThat(result.selectFirst("[data-served-session]")).isNotNull();
	}

	private static void assertReplacedNotice(Document page) {
		Element notice = page.selectFirst("[data-token-replaced]");
		assertThat(notice).as(page.title()).isNotNull();
		assertThat(notice.text()).contains(TOKEN_FILE.toAbsolutePath().toString())
			.contains("other accounts on this computer")
			.contains("Paste the terminal lines again");
	}

	private static Path looseTokenFile() {
		try {
			Path folder = Files.createTempDirectory("mfa-portal-loose-token");
			Path file = Files.writeString(folder.resolve("terminal-token"), READ_BY_OTHERS + "\n");
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
