package dev.mfaportal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.mfaportal.launcher.DistPackageIT.Started;
import dev.mfaportal.support.BenchmarkedJvmFlags;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code .deb} made with Java 17, whose AppCDS archive holds the class path it was
 * made with and so cannot be made at build time for where the package is installed: the
 * package's {@code postinst} makes it there, by a training start of the installed
 * launcher. The {@code .deb}'s content is unpacked into a temporary root and its
 * maintainer scripts run the way {@code dpkg --root} runs them ({@code DPKG_ROOT} set),
 * never touching the machine's {@code /opt} or its dpkg database. The installed launcher,
 * started with its own home, must load the portal's classes from that archive (the JVM's
 * class-loading log says so); a training start that fails must not fail the install, a
 * stale archive must not stop the start, and removing the package must leave nothing
 * behind.
 * <p>
 * Needs a Java 17 JDK, {@code dpkg-deb} and {@code fakeroot}. Runs in
 * {@code ./mvnw verify} after {@code package} (failsafe).
 */
class DistPackageJava17IT {

	static final String ARCHIVE = "opt/mfa-portal/lib/app/mfa-portal.jsa";

	@TempDir
	Path work;

	@Test
	void debWhenInstalledThenPostinstMakesTheArchiveTheLauncherUsesAndRemovalTakesItAway() throws Exception {
		Path java17 = Tools.requireJava17();
		Path dist = DebPackaging.build(this.work, java17, "DistPackageJava17IT");
		assertThat(dist.resolve("mfa-portal/lib/app/mfa-portal.jsa")).as("the app image's own archive")
			.isNotEmptyFile();

		Path deb = DebPackaging.deb(dist);
		Set<String> packaged = packagedFiles(deb);
		assertThat(packaged).as("files of the package")
			.contains("opt/mfa-portal/bin/mfa-portal")
			.doesNotContain(ARCHIVE);
		Path scripts = this.work.resolve("DEBIAN");
		run(List.of("dpkg-deb", "-e", deb.toString(), scripts.toString()), Map.of());
		Path root = this.work.resolve("root");
		DebPackaging.unpack(deb, root);
		Path installed = root.resolve("opt/mfa-portal");
		assertThat(DebPackaging.javaOptions(installed.resolve("lib/app/mfa-portal.cfg")))
			.as("the launcher's JVM options")
			.containsAll(BenchmarkedJvmFlags.installed())
			.contains("-XX:SharedArchiveFile=$APPDIR/mfa-portal.jsa");

		// a training start that fails (here its timeout command) installs the portal
		// anyway
		Path failing = Files.createDirectories(this.work.resolve("failing-bin"));
		Files.writeString(failing.resolve("timeout"), "#!/bin/sh\necho 'training refused' >&2\nexit 124\n");
		assertThat(failing.resolve("timeout").toFile().setExecutable(true)).isTrue();
		String refused = maintainerScript(scripts, "postinst", root, failing + ":" + System.getenv("PATH"),
				"configure");
		assertThat(refused).contains("no class-data archive").contains("training refused");
		assertThat(extraFiles(root, packaged)).as("what the failed training left").isEmpty();

		String configured = maintainerScript(scripts, "postinst", root, System.getenv("PATH"), "configure");
		assertThat(configured).contains("class-data archive " + root.resolve(ARCHIVE) + " made");
		assertThat(extraFiles(root, packaged)).as("what postinst added").containsExactly(ARCHIVE);
		assertThat(this.work.resolve("tmp")).as("the training's own folder, removed").isEmptyDirectory();

		Started first = DistPackageIT.start(this.work, installed, "first", "cds");
		first.stop();
		first.assertTheBrowserGotAPageThatRedirectsToTheLink();
		assertThat(first.loaded("org.springframework.boot.SpringApplication"))
			.as("Spring Boot's own classes come from the archive made at install")
			.contains("source: shared objects file (top)");
		assertThat(first.loadedFrom("source: shared objects file (top)")).as("classes from the archive made at install")
			.isGreaterThan(5000);

		// a jar changed after the training (a copied folder, a repair) makes the archive
		// stale
		Files.setLastModifiedTime(mainJar(installed), FileTime.from(Instant.now()));
		Started stale = DistPackageIT.start(this.work, installed, "stale", "cds");
		stale.stop();
		assertThat(stale.loaded("org.springframework.boot.SpringApplication"))
			.as("Spring Boot's own classes, from its jar")
			.doesNotContain("shared objects file");
		assertThat(stale.loadedFrom("shared objects file (top)")).as("classes from the stale archive").isZero();

		maintainerScript(scripts, "prerm", root, System.getenv("PATH"), "remove");
		assertThat(extraFiles(root, packaged)).as("what dpkg -r would leave behind").isEmpty();
	}

	/**
	 * Runs a maintainer script of the package as {@code dpkg --root} does:
	 * {@code DPKG_ROOT} set to the root it installs into, a clean environment, a
	 * temporary folder of this test's.
	 * @return what it printed
	 */
	private String maintainerScript(Path scripts, String name, Path root, String path, String... args)
			throws Exception {
		Path tmp = Files.createDirectories(this.work.resolve("tmp"));
		List<String> command = Stream.concat(Stream.of(scripts.resolve(name).toString()), Stream.of(args)).toList();
		return run(command, Map.of("DPKG_ROOT", root.toString(), "DPKG_MAINTSCRIPT_NAME", name,
				"DPKG_MAINTSCRIPT_PACKAGE", "mfa-portal", "PATH", path, "TMPDIR", tmp.toString()));
	}

	private String run(List<String> command, Map<String, String> environment) throws Exception {
		Path log = Files.createTempFile(this.work, "run", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		if (!environment.isEmpty()) {
			builder.environment().clear();
			builder.environment().putAll(environment);
		}
		Process process = builder.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command + " ends").isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(command + ":\n" + output).isZero();
		return output;
	}

	/** The files and links of the package, relative to the root it is installed into. */
	private Set<String> packagedFiles(Path deb) throws Exception {
		Path tar = this.work.resolve("listing.txt");
		run(List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -t > \"$1\"", deb.toString(), tar.toString()),
				Map.of());
		return Files.readAllLines(tar)
			.stream()
			.map((name) -> name.replaceFirst("^\\./", "").replaceFirst("/$", ""))
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** What is under the root that the package does not hold: what dpkg would leave. */
	private static Set<String> extraFiles(Path root, Set<String> packaged) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> !file.equals(root))
				.map((file) -> root.relativize(file).toString())
				.filter((name) -> !packaged.contains(name))
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static Path mainJar(Path installed) throws IOException {
		try (Stream<Path> files = Files.list(installed.resolve("lib/app"))) {
			List<Path> jars = files.filter((file) -> file.toString().endsWith(".jar")).toList();
			assertThat(jars).as("the portal's jar").hasSize(1);
			return jars.get(0);
		}
	}

}
