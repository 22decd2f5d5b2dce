package dev.mfaportal.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.BenchmarkedJvmFlags;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.Tools;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installable package, as a person gets it: {@code src/dist/BuildPackage.java} (what
 * {@code ./mvnw -Pdist package} runs) makes the app image and the {@code .deb} from the
 * packaged jar; the {@code .deb}'s content is unpacked into a temporary root, and its
 * launcher is started with its own home and a {@code BROWSER} that records what it is
 * given. The browser must get the printed launch link, the link must open the form, and
 * the JVM's own class-loading log must show the classes coming from the archive trained
 * at build time. A stale archive must not stop the next start.
 * <p>
 * Packaged with Java 25 (its AOT cache still applies once the package is installed
 * elsewhere than where it was built; Java 17's AppCDS archive does not, so the
 * {@code .deb} made with 17 makes it where it is installed: {@link DistPackageJava17IT}),
 * like {@code DockerStartCommandIT}; needs {@code dpkg-deb} and {@code fakeroot}. Runs in
 * {@code ./mvnw verify} after {@code package} (failsafe).
 */
class DistPackageIT {

	static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	static final Pattern LAUNCH_LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/launch\\?token=([A-Za-z0-9_-]+)");

	@TempDir
	Path work;

	@Test
	void installedLauncherWhenStartedThenOpensTheBrowserAtTheLinkServesTheFormAndUsesTheArchive() throws Exception {
		Path java25 = Tools.requireJava25();
		Path dist = DebPackaging.build(this.work, java25, "DistPackageIT");
		assertThat(dist.resolve("mfa-portal/bin/mfa-portal")).isExecutable();

		Path root = this.work.resolve("root");
		DebPackaging.unpack(DebPackaging.deb(dist), root);
		Path installed = root.resolve("opt/mfa-portal");
		Path config = installed.resolve("lib/app/mfa-portal.cfg");
		assertThat(DebPackaging.javaOptions(config)).as("the launcher's JVM options")
			.containsAll(BenchmarkedJvmFlags.installed())
			.contains("-XX:AOTCache=$APPDIR/mfa-portal.aot");
		assertThat(installed.resolve("lib/app/mfa-portal.aot")).isNotEmptyFile();

		Started first = start(this.work, installed, "first", "aot");
		try {
			first.assertTheBrowserGotAPageThatRedirectsToTheLink();
			PortalClient browser = new PortalClient(first.port());
			assertThat(browser.launch(first.token()).statusCode()).isEqualTo(302);
			HttpResponse<String> form = browser.get("/");
			assertThat(form.statusCode()).isEqualTo(200);
			Document page = Jsoup.parse(form.body());
			assertThat(page.select("form[data-issue-form] input[name=tokenCode]")).as("the MFA code field").hasSize(1);
		}
		finally {
			first.stop();
		}
		assertThat(first.loaded("org.springframework.boot.SpringApplication"))
			.as("Spring Boot's own classes come from the archive")
			.contains("source: shared objects file");
		assertThat(first.loadedFrom("source: shared objects file")).as("classes from the archive").isGreaterThan(5000);
		// the training start served the form, so what its page needs is in the archive
		// too
		assertThat(first.loaded("org.springframework.web.servlet.support.BindStatus"))
			.as("the form's field binding, first used when the issuing form renders")
			.contains("source: shared objects file");

		// a stale or broken archive (a JVM update, a damaged install) only costs speed
		Files.write(installed.resolve("lib/app/mfa-portal.aot"), new byte[4096]);
		Started second = start(this.work, installed, "stale", "aot");
		second.stop();
		assertThat(second.loadedFrom("shared objects file (top)")).as("classes from the broken archive").isZero();
	}

	/**
	 * Starts the installed launcher as a person would, with a home of its own and a
	 * {@code BROWSER} script, and waits until the browser was asked to open the link.
	 * @param work where its home, logs and browser script go
	 * @param archiveLog the JVM's log tag for its archive ({@code aot} on 25, {@code cds}
	 * on 17), logged at warning level into {@code <name>-<tag>.log}
	 */
	static Started start(Path work, Path installed, String name, String archiveLog) throws Exception {
		Path home = Files.createDirectories(work.resolve(name + "-home"));
		Files.createDirectories(home.resolve(".aws"));
		Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
				+ "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
		Path opened = work.resolve(name + "-browser.txt");
		Path browserScript = work.resolve(name + "-browser.sh");
		// the page it is given is deleted a minute later: keep a copy to read
		Files.writeString(browserScript,
				"#!/bin/sh\ncp \"${1#file://}\" '" + opened + ".html'\nprintf '%s' \"$1\" > '" + opened + "'\n");
		assertThat(browserScript.toFile().setExecutable(true)).isTrue();
		Path classLog = work.resolve(name + "-class-load.log");
		Path output = work.resolve(name + ".log");
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(installed.resolve("bin/mfa-portal").toString(),
				"--server.port=" + port)
			.directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().clear();
		// Java takes the home folder from the password database, not HOME
		builder.environment()
			.putAll(Map.of("HOME", home.toString(), "PATH", System.getenv("PATH"), "BROWSER", browserScript.toString(),
					"JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -Xlog:class+load=info:file=" + classLog + " -Xlog:"
							+ archiveLog + "=warning:file=" + work.resolve(name + "-" + archiveLog + ".log")));
		Process portal = builder.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && portal.isAlive() && !(Files.exists(opened) && Files.size(opened) > 0)) {
			Thread.sleep(100);
		}
		String printed = Files.readString(output);
		assertThat(Files.exists(opened)).as("the browser was started; " + printed).isTrue();
		Matcher link = LAUNCH_LINK.matcher(printed);
		assertThat(link.find()).as("the printed launch link").isTrue();
		return new Started(portal, port, link.group(), link.group(1), Files.readString(opened),
				Files.readString(Path.of(opened + ".html")), classLog);
	}

	record Started(Process process, int port, String link, String token, String browserGot, String page,
			Path classLog) {

		/**
		 * What the browser was given, never the link itself (a command line is public to
		 * every account), and where the page it got sends it.
		 */
		void assertTheBrowserGotAPageThatRedirectsToTheLink() {
			assertThat(this.browserGot).as("what the browser was given").startsWith("file:").doesNotContain(this.token);
			assertThat(Jsoup.parse(this.page).selectFirst("meta[http-equiv=refresh]").attr("content"))
				.as("where the page sends the browser")
				.isEqualTo("0;url=" + this.link);
		}

		void stop() throws InterruptedException {
			this.process.destroy();
			assertThat(this.process.waitFor(40, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}

		/** The class-loading log's one line for a class: where it came from. */
		String loaded(String className) throws IOException {
			List<String> lines = Files.readAllLines(this.classLog)
				.stream()
				.filter((line) -> line.contains(className + " "))
				.toList();
			assertThat(lines).as(className + " in the class-loading log").hasSize(1);
			return lines.get(0);
		}

		/** How many classes the class-loading log says came from {@code source}. */
		long loadedFrom(String source) throws IOException {
			return Files.readAllLines(this.classLog).stream().filter((line) -> line.contains(source)).count();
		}

	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
