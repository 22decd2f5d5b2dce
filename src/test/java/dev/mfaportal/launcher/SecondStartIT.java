package dev.mfaportal.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import dev.mfaportal.support.PortalClient;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started twice by the same person, as {@code java -jar} (or the
 * launcher, which runs it) would be: the second start finds the first running, gets a
 * fresh launch link from it, has the browser opened at it, and ends, instead of failing
 * on the port. Needs the jar {@code package} made (failsafe).
 */
class SecondStartIT {

	static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	@TempDir
	Path work;

	@Test
	void secondStartWhenThePortalRunsThenAFreshWorkingLinkTheBrowserOpenedAtItAndNoSecondPortal() throws Exception {
		Path jar = Path.of(System.getProperty("portal.jar", "target/none.jar"));
		assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();
		Path home = Files.createDirectories(this.work.resolve("home"));
		Path opened = this.work.resolve("browser.txt");
		Path browser = this.work.resolve("browser.sh");
		// the page it is given is deleted a minute later: keep a copy to read
		Files.writeString(browser,
				"#!/bin/sh\ncp \"${1#file://}\" '" + opened + ".html'\nprintf '%s' \"$1\" > '" + opened + "'\n");
		assertThat(browser.toFile().setExecutable(true)).isTrue();
		int port = freePort();

		Path firstOutput = this.work.resolve("first.log");
		Process first = start(jar, home, port, browser, firstOutput);
		try {
			String firstLink = awaitLink(first, firstOutput);
			Path runFile = home.resolve(".mfa-portal/portal-run");
			for (int i = 0; i < 50 && !Files.exists(runFile); i++) {
				Thread.sleep(100);
			}
			assertThat(Files.getPosixFilePermissions(runFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

			Path secondOutput = this.work.resolve("second.log");
			long started = System.nanoTime();
			Process second = start(jar, home, port, browser, secondOutput, "--portal.launch.open-browser=true");
			assertThat(second.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the second start ends")
				.isTrue();
			String printed = Files.readString(secondOutput);
			System.out.printf("SecondStartIT: the second start ended in %d ms%n",
					Duration.ofNanos(System.nanoTime() - started).toMillis());
			assertThat(second.exitValue()).as(printed).isZero();
			assertThat(printed).contains("MFA Portal is already running")
				.doesNotContain("Tomcat")
				.doesNotContain("8080");
			Matcher link = DistPackageIT.LAUNCH_LINK.matcher(printed);
			assertThat(link.find()).as("a link in " + printed).isTrue();
			assertThat(link.group()).isNotEqualTo(firstLink).contains(":" + port + "/");
			assertThat(first.isAlive()).as("the first portal still runs").isTrue();

			// the running portal opened the browser at a page that sends it to that link
			assertThat(Files.readString(opened)).startsWith("file:").doesNotContain(link.group(1));
			assertThat(Jsoup.parse(Files.readString(Path.of(opened + ".html")))
				.selectFirst("meta[http-equiv=refresh]")
				.attr("content")).isEqualTo("0;url=" + link.group());

			PortalClient owner = new PortalClient(port);
			assertThat(owner.launch(link.group(1)).statusCode()).isEqualTo(302);
			assertThat(owner.get("/").statusCode()).isEqualTo(200);
			assertThat(new PortalClient(port).launch(link.group(1)).statusCode()).as("the link, a second time")
				.isEqualTo(401);

			// without the secret of portal-run (another account can't read it) no link
			PortalClient stranger = new PortalClient(port);
			assertThat(stranger.get("/launch/again").statusCode()).isEqualTo(401);
			assertThat(stranger.getWithHeaders("/launch/again", Map.of("X-Portal-Run", "guess")).statusCode())
				.isEqualTo(401);
			String secret = Files.readAllLines(runFile)
				.stream()
				.filter((line) -> line.startsWith("secret="))
				.findFirst()
				.orElseThrow()
				.substring("secret=".length());
			HttpResponse<String> fromAPage = stranger.getWithHeaders("/launch/again",
					Map.of("X-Portal-Run", secret, "Origin", "https://evil.example"));
			assertThat(fromAPage.statusCode()).isEqualTo(403);
		}
		finally {
			first.destroy();
			assertThat(first.waitFor(40, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}
		assertThat(home.resolve(".mfa-portal/portal-run")).as("removed at shutdown").doesNotExist();
	}

	private Process start(Path jar, Path home, int port, Path browser, Path output, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home,
						"-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar.toAbsolutePath().toString(),
						"--server.port=" + port));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().remove("DISPLAY");
		builder.environment().remove("WAYLAND_DISPLAY");
		builder.environment().put("BROWSER", browser.toString());
		return builder.start();
	}

	private static String awaitLink(Process portal, Path output) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && portal.isAlive()) {
			Matcher link = DistPackageIT.LAUNCH_LINK.matcher(Files.readString(output));
			if (link.find()) {
				return link.group();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no launch link printed: " + Files.readString(output));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
