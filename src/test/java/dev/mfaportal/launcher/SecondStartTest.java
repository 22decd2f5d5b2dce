package dev.mfaportal.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second start trusts only the portal that wrote {@code portal-run}: a portal that died
 * left its file, and whoever listens on its port since (another account of the machine)
 * learns nothing from the question and can't answer it.
 */
class SecondStartTest {

	private HttpServer squatter;

	private final List<String> headersSeen = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		if (this.squatter != null) {
			this.squatter.stop(0);
		}
	}

	private int squat(String answer, String proof) throws IOException {
		this.squatter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.squatter.createContext("/", (exchange) -> {
			exchange.getRequestHeaders().values().forEach(this.headersSeen::addAll);
			byte[] body = answer.getBytes(StandardCharsets.UTF_8);
			if (proof != null) {
				exchange.getResponseHeaders().add(LaunchAgainController.ANSWER_PROOF_HEADER, proof);
			}
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.squatter.start();
		return this.squatter.getAddress().getPort();
	}

	/** As a running portal writes it (0600), so only what a test names is wrong. */
	private static Path runFile(Path folder, String content) throws IOException {
		Path file = folder.resolve(RunFile.NAME);
		OwnerOnlyFiles.replace(file, content);
		return file;
	}

	private static Path runFile(Path folder, int port, String secret) throws IOException {
		return runFile(folder, "url=http://127.0.0.1:" + port + "/\nsecret=" + secret + "\n");
	}

	@Test
	void askWhenAStaleRunFilePointsAtAnotherListenerThenNoLinkIsTakenAndTheSecretIsNotSent(@TempDir Path folder)
			throws IOException {
		String secret = "the-dead-portals-secret-0000000000000000000";
		int port = squat("http://127.0.0.1:1/launch?token=phish\nlauncher.opening\n", null);

		assertThat(SecondStart.ask(runFile(folder, port, secret), false)).isEmpty();
		assertThat(this.headersSeen).isNotEmpty().noneSatisfy((value) -> assertThat(value).contains(secret));
	}

	@Test
	void askWhenTheListenerAnswersWithAProofItCannotMakeThenNoLinkIsTaken(@TempDir Path folder) throws IOException {
		String secret = "the-dead-portals-secret-0000000000000000000";
		int port = squat("http://127.0.0.1:1/launch?token=phish\n", RunFile.proof("guess", "answer", "x", "y"));

		assertThat(SecondStart.ask(runFile(folder, port, secret), false)).isEmpty();
	}

	/**
	 * A file others could have read or planted: its secret may be known, and its address
	 * anyone's. Nothing is sent.
	 */
	@Test
	void askWhenTheRunFileIsReadableByOthersThenNoRequestIsMade(@TempDir Path folder) throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX mode");
		Path file = runFile(folder, squat("unused", null), "s");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		assertThat(SecondStart.ask(file, false)).isEmpty();
		assertThat(this.headersSeen).isEmpty();
	}

	@Test
	void askWhenTheRunFileIsASymbolicLinkThenNoRequestIsMade(@TempDir Path folder) throws IOException {
		Path target = runFile(Files.createDirectories(folder.resolve("elsewhere")), squat("unused", null), "s");
		Path link = Files.createSymbolicLink(folder.resolve(RunFile.NAME), target);

		assertThat(SecondStart.ask(link, false)).isEmpty();
		assertThat(this.headersSeen).isEmpty();
	}

	@Test
	void askWhenTheRunFileNamesAnotherMachineThenNoRequestIsMade(@TempDir Path folder) throws IOException {
		squat("unused", null);
		Path file = runFile(folder, "url=http://192.0.2.1:9/\nsecret=s\n");

		assertThat(SecondStart.ask(file, false)).isEmpty();
		assertThat(this.headersSeen).isEmpty();
	}

	@Test
	void proofWhenPartsAreShiftedBetweenEachOtherThenItDiffers() {
		assertThat(RunFile.proof("s", "answer", "ab", "c")).isNotEqualTo(RunFile.proof("s", "answer", "a", "bc"));
		assertThat(RunFile.proof("s", "ask", "n")).isNotEqualTo(RunFile.proof("s", "answer", "n"));
	}

}
