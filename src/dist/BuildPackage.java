import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Makes the installable portal with the JDK that runs this file (README, "Install it"):
 * <ol>
 * <li>the packaged jar extracted (the jar and its {@code lib/}, no nested jars to open at
 * each start);</li>
 * <li>a runtime trimmed by {@code jlink} to the modules the portal needs, with the JDK's
 * own class-data archive;</li>
 * <li>a {@code jpackage} app image whose launcher carries the JVM flags of the
 * {@code --flags} files: {@code bench/jvm-flags.txt} and the installed portal's own
 * {@code bench/jvm-flags-desktop.txt};</li>
 * <li>a training start of that launcher, which writes a class-data archive into the image
 * (an AOT cache on Java 25 and later, an AppCDS archive before), and the launcher told to
 * use it: a missing or stale archive only makes the JVM start without it;</li>
 * <li>the platform's installer made from that image: {@code --installer auto} makes a
 * {@code .deb} where {@code dpkg-deb} exists, {@code msi}, {@code exe}, {@code dmg},
 * {@code pkg} or {@code rpm} can be asked for on their platforms.</li>
 * </ol>
 * An AOT cache still applies once installed elsewhere, so it goes into the installer. An
 * AppCDS archive holds the class path it was made with and would be refused there: the
 * installer is made before it, and the {@code .deb}'s {@code postinst} makes it where the
 * package is installed, by the same training start ({@link #debScripts}).
 * Run by {@code ./mvnw -Pdist package}; {@code DistPackageIT} runs it too. A single-file
 * program rather than a shell script so the same steps run on Windows and macOS.
 *
 * <pre>
 * java src/dist/BuildPackage.java --jar J --dest D --version V --flags F[,F...] --modules M [--installer auto|none|TYPE]
 * </pre>
 */
public class BuildPackage {

	static final String NAME = "mfa-portal";

	static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

	static final String AOT_CACHE = NAME + ".aot";

	static final String APP_CDS = NAME + ".jsa";

	/** Where jpackage's Linux installers put the app ({@code /opt/mfa-portal}). */
	static final String INSTALL_PARENT = "/opt";

	/** The install-time training ({@link #debScripts}): the context exits at refresh. */
	static final String TRAINING_PROPERTIES = "-Dspring.context.exit=onRefresh -Duser.home=home";

	/** The build-time training ({@link #train}): the portal runs until it served a page. */
	static final String SERVING_TRAINING_PROPERTIES = "-Duser.home=home";

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		Path jar = Path.of(options.get("--jar")).toAbsolutePath();
		Path dest = Path.of(options.get("--dest")).toAbsolutePath();
		String version = options.get("--version").replaceAll("[^0-9.].*$", "");
		List<String> flags = flags(options.get("--flags"));
		String installer = options.getOrDefault("--installer", "auto");
		boolean aotCache = Runtime.version().feature() >= 25;
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);

		delete(dest);
		Files.createDirectories(dest);
		Path input = dest.resolve("input");
		run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", input.toString()),
				dest, Map.of(), dest.resolve("extract.log"), Duration.ofMinutes(2));
		String mainJar = jar.getFileName().toString();
		// only needed to extract a jar, which the installed portal never does
		try (Stream<Path> tools = Files.list(input.resolve("lib"))) {
			for (Path tool : tools.filter((p) -> p.getFileName().toString().startsWith("spring-boot-jarmode-"))
				.toList()) {
				Files.delete(tool);
			}
		}

		log("jlink: " + options.get("--modules"));
		tool("jlink", "--add-modules", options.get("--modules"), "--include-locales=en,es", "--strip-debug",
				"--no-man-pages", "--no-header-files", "--generate-cds-archive", "--output",
				dest.resolve("runtime").toString());

		log("jpackage app image, launcher flags " + flags);
		List<String> image = new ArrayList<>(List.of("--type", "app-image", "--name", NAME, "--app-version", version,
				"--input", input.toString(), "--main-jar", mainJar, "--runtime-image", dest.resolve("runtime").toString(),
				"--dest", dest.toString(), "--description", "Temporary AWS credentials from your MFA code",
				"--vendor", "MFA Portal"));
		for (String flag : flags) {
			image.add("--java-options");
			image.add(flag);
		}
		if (os.startsWith("windows")) {
			image.add("--win-console"); // the launch link is printed to a terminal
		}
		tool("jpackage", image.toArray(String[]::new));

		Layout layout = Layout.of(dest, os);
		// The archive holds each jar's modification time and is ignored when one differs. jpackage
		// copies the image into the installer with new times, so every file gets this one time now
		// and the installer's packager clamps to it (SOURCE_DATE_EPOCH, which dpkg-deb honours).
		long epoch = Instant.now().getEpochSecond() - 1;
		setModified(layout.image(), epoch);
		String type = installer.equals("auto") ? (os.startsWith("linux") && onPath("dpkg-deb") ? "deb" : "none")
				: installer;
		if (aotCache) {
			// the AOT cache is made here and still applies where the installer puts it
			train(layout, dest, AOT_CACHE, true, !os.startsWith("windows"));
			useArchive(layout.config(), AOT_CACHE, true);
			installer(type, layout, dest, version, epoch, List.of());
		}
		else {
			// An AppCDS archive holds the class path it was made with, so the one made here
			// serves this image only: the installer goes without it and, for a .deb, makes its
			// own where it installs (debScripts).
			// Other installers go without the option too: a named but missing archive would
			// turn off class-data sharing altogether, the runtime's own archive included.
			if (type.equals("deb")) {
				useArchive(layout.config(), APP_CDS, false);
			}
			List<String> resources = List.of();
			if (type.equals("deb")) {
				Path scripts = Files.createDirectories(dest.resolve("deb-resources"));
				for (Map.Entry<String, String> script : debScripts().entrySet()) {
					Files.writeString(scripts.resolve(script.getKey()), script.getValue());
				}
				resources = List.of("--resource-dir", scripts.toString(), "--install-dir", INSTALL_PARENT);
			}
			installer(type, layout, dest, version, epoch, resources);
			delete(dest.resolve("deb-resources"));
			if (!type.equals("deb")) {
				useArchive(layout.config(), APP_CDS, false);
			}
			train(layout, dest, APP_CDS, false, !os.startsWith("windows"));
		}
		delete(input);
		delete(dest.resolve("runtime"));
		log("done: " + dest);
	}

	/**
	 * Starts the launcher once, on a throw-away data folder and home, writing the archive
	 * into the image's app folder as the JVM exits. With {@code serve} it runs until it
	 * served the form page, so the archive also holds what the first page needs (Tomcat's
	 * request path, the security filters, the templates), which a start that exits at
	 * refresh never loads; Windows can't ask a process to stop, so there it exits at
	 * refresh.
	 */
	static void train(Layout layout, Path dest, String archive, boolean aotCache, boolean serve) throws Exception {
		Path training = dest.resolve("training");
		Files.createDirectories(training.resolve("home"));
		Path target = layout.app().resolve(archive);
		// relative to the training folder: JAVA_TOOL_OPTIONS splits at spaces
		String output = training.relativize(target).toString();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("HOME", training.resolve("home").toString());
		String properties = serve ? SERVING_TRAINING_PROPERTIES : TRAINING_PROPERTIES;
		if (aotCache) {
			environment.put("JAVA_TOOL_OPTIONS", "-XX:AOTCacheOutput=" + output + " " + properties);
		}
		else {
			environment.put("_JAVA_OPTIONS", appCdsTraining(output, properties));
		}
		log("training start" + (serve ? ", serving the form page once: " : ": ") + environment);
		if (!serve) {
			run(trainingStart(layout.launcher().toString(), training.resolve("data").toString(), 0), training, environment,
					dest.resolve("training.log"), TRAINING_TIMEOUT);
		}
		else {
			trainServing(layout, training, environment, dest.resolve("training.log"));
		}
		if (!Files.isRegularFile(target)) {
			throw new IllegalStateException("the training start wrote no " + target + ": see " + dest.resolve("training.log"));
		}
		delete(training);
	}

	/**
	 * The training start until it served the form page, then stopped with SIGTERM: the
	 * portal shuts down and the JVM writes the archive as it exits.
	 */
	static void trainServing(Layout layout, Path training, Map<String, String> environment, Path log)
			throws Exception {
		// The form needs a credential source to list, or the portal answers with its "no AWS
		// keys" page: an example profile of its own, never the machine's keys or profile.
		Path aws = Files.createDirectories(training.resolve("home").resolve(".aws"));
		Files.writeString(aws.resolve("credentials"), """
				[default]
				aws_access_key_id = AKIAIOSFODNN7EXAMPLE
				aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
				""");
		Files.writeString(aws.resolve("config"), """
				[default]
				region = us-east-1
				mfa_serial = arn:aws:iam::123456789012:mfa/training
				""");
		int port = freePort();
		List<String> command = new ArrayList<>(
				trainingStart(layout.launcher().toString(), training.resolve("data").toString(), port));
		command.add("--portal.access.launch-token=false");
		ProcessBuilder builder = new ProcessBuilder(command).directory(training.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		builder.environment().putAll(environment);
		builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
		builder.environment().put("AWS_CONFIG_FILE", aws.resolve("config").toString());
		Process process = builder.start();
		try {
			servePage(process, port, log);
		}
		finally {
			process.destroy();
			if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	/**
	 * The options of an AppCDS training start, in {@code _JAVA_OPTIONS}: the JVM reads
	 * those after the launcher's own, so the empty {@code -XX:SharedArchiveFile=} undoes the
	 * launcher's (the archive about to be written, which Java 17 would otherwise take as the
	 * base archive, and refuse to start) and the runtime's default archive is the base.
	 * @param output where the archive goes, without spaces (the JVM splits there)
	 */
	static String appCdsTraining(String output, String properties) {
		return "-XX:SharedArchiveFile= -XX:ArchiveClassesAtExit=" + output + " " + properties;
	}

	/** The launcher's arguments for a training start, on a throw-away data folder. */
	static List<String> trainingStart(String launcher, String dataDir, int port) {
		return List.of(launcher, "--server.port=" + port, "--portal.launch.open-browser=false", "--portal.data-dir=" + dataDir,
				"--logging.level.root=WARN");
	}

	/**
	 * The {@code .deb}'s {@code postinst} and {@code prerm}: jpackage's own (its
	 * placeholders are filled in by jpackage), plus the AppCDS archive made where the
	 * package is installed, by one training start of the installed launcher with its flags
	 * that exits once the context is ready (unlike {@link #train}, which serves the form:
	 * an install script can't count on an HTTP client). Installing never fails for it: if
	 * the training start fails, the portal starts without the archive. Removing or
	 * upgrading the package removes the archive, so {@code dpkg -r} leaves nothing behind.
	 * Under {@code DPKG_ROOT} (set by {@code dpkg --root}) the scripts work in that root,
	 * and the archive records the class path there: right where the root is used in place,
	 * refused (the portal then starts without it) where the root later becomes {@code /}.
	 */
	static Map<String, String> debScripts() {
		String start = String.join(" ", trainingStart("\"$APP/bin/" + NAME + "\"", "\"$work/data\"", 0));
		String common = """
				APP="${DPKG_ROOT:-}%s/%s"
				ARCHIVE="$APP/lib/app/%s"
				""".formatted(INSTALL_PARENT, NAME, APP_CDS);
		String postinst = """
				#!/bin/sh
				# postinst script for APPLICATION_PACKAGE (src/dist/BuildPackage.java)
				set -e

				%s
				# Java 17's AppCDS archive holds the class path it was made with, so it is made
				# here, by one start of the installed launcher that ends once the portal is ready.
				# Never fails the install: without the archive the portal only starts slower.
				train() {
				    rm -f "$ARCHIVE" "$ARCHIVE.new"
				    work=$(mktemp -d) || return 1
				    echo "%s: one training start, for a fast first start"
				    if mkdir "$work/home" && (cd "$work" && HOME="$work/home" \\
				            _JAVA_OPTIONS="%s" \\
				            timeout %d %s >training.log 2>&1) \\
				        && [ -s "$work/%s" ] && cp "$work/%s" "$ARCHIVE.new" \\
				        && chmod 644 "$ARCHIVE.new" && mv -f "$ARCHIVE.new" "$ARCHIVE"; then
				        echo "%s: class-data archive $ARCHIVE made"
				    else
				        echo "%s: no class-data archive, the portal starts without it:" >&2
				        tail -n 20 "$work/training.log" >&2 || true
				        rm -f "$ARCHIVE.new"
				    fi
				    rm -rf "$work"
				}

				case "$1" in
				    configure)
				DESKTOP_COMMANDS_INSTALL
				        train || true
				    ;;

				    abort-upgrade|abort-remove|abort-deconfigure)
				    ;;

				    *)
				        echo "postinst called with unknown argument \\`$1'" >&2
				        exit 1
				    ;;
				esac

				exit 0
				""".formatted(common, NAME, appCdsTraining(APP_CDS, TRAINING_PROPERTIES), TRAINING_TIMEOUT.toSeconds(), start, APP_CDS,
				APP_CDS, NAME, NAME);
		String prerm = """
				#!/bin/sh
				# prerm script for APPLICATION_PACKAGE (src/dist/BuildPackage.java)
				set -e

				%s
				UTILITY_SCRIPTS

				case "$1" in
				    remove|upgrade|deconfigure)
				DESKTOP_COMMANDS_UNINSTALL
				        # made by postinst, not a file of the package
				        rm -f "$ARCHIVE" "$ARCHIVE.new"
				    ;;

				    failed-upgrade)
				    ;;

				    *)
				        echo "prerm called with unknown argument \\`$1'" >&2
				        exit 1
				    ;;
				esac

				exit 0
				""".formatted(common);
		return Map.of("postinst", postinst, "prerm", prerm);
	}

	/** The platform's installer made from the app image, unless {@code type} is none. */
	static void installer(String type, Layout layout, Path dest, String version, long epoch, List<String> extra)
			throws Exception {
		if (type.equals("none")) {
			return;
		}
		log("jpackage " + type);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jpackage").toString(),
				"--type", type, "--app-image", layout.image().toString(), "--name", NAME, "--app-version", version,
				"--dest", dest.toString(), "--description", "Temporary AWS credentials from your MFA code", "--vendor",
				"MFA Portal"));
		command.addAll(extra);
		run(command, dest, Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch)), dest.resolve("installer.log"),
				Duration.ofMinutes(20));
	}

	/** The launcher's configuration gains the archive, first among its JVM options. */
	static void useArchive(Path config, String archive, boolean aotCache) throws IOException {
		String option = (aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + "$APPDIR/" + archive;
		String text = Files.readString(config);
		if (!text.contains("[JavaOptions]")) {
			throw new IllegalStateException("no [JavaOptions] in " + config);
		}
		String newline = text.contains("\r\n") ? "\r\n" : "\n";
		String section = "[JavaOptions]" + newline;
		Files.writeString(config, text.replace(section, section + "java-options=" + option + newline));
	}

	/** Where jpackage puts the launcher and its configuration on each platform. */
	record Layout(Path image, Path launcher, Path app, Path config) {

		static Layout of(Path dest, String os) {
			if (os.startsWith("windows")) {
				Path image = dest.resolve(NAME);
				return new Layout(image, image.resolve(NAME + ".exe"), image.resolve("app"),
						image.resolve("app").resolve(NAME + ".cfg"));
			}
			if (os.startsWith("mac")) {
				Path image = dest.resolve(NAME + ".app");
				Path contents = image.resolve("Contents");
				return new Layout(image, contents.resolve("MacOS").resolve(NAME), contents.resolve("app"),
						contents.resolve("app").resolve(NAME + ".cfg"));
			}
			Path image = dest.resolve(NAME);
			return new Layout(image, image.resolve("bin").resolve(NAME), image.resolve("lib").resolve("app"),
					image.resolve("lib").resolve("app").resolve(NAME + ".cfg"));
		}

	}

	static void setModified(Path root, long epochSecond) throws IOException {
		FileTime time = FileTime.from(epochSecond, TimeUnit.SECONDS);
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.setLastModifiedTime(file, time);
			}
		}
	}

	/**
	 * The flags of the comma-separated files, in their order, comments and blank lines
	 * left out.
	 */
	static List<String> flags(String files) throws IOException {
		List<String> flags = new ArrayList<>();
		for (String file : files.split(",")) {
			Files.readAllLines(Path.of(file.strip()))
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach(flags::add);
		}
		return flags;
	}

	static void tool(String name, String... args) {
		ToolProvider tool = ToolProvider.findFirst(name)
			.orElseThrow(() -> new IllegalStateException(name + " is not in this JDK (" + System.getProperty("java.home") + ")"));
		int status = tool.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
		if (status != 0) {
			throw new IllegalStateException(name + " " + String.join(" ", args) + " ended with " + status);
		}
	}

	/**
	 * Waits until the training start answers {@code GET /} with the issuing form, then asks
	 * once more (the second render takes the template cache's path).
	 */
	static void servePage(Process process, int port, Path log) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
			.timeout(Duration.ofSeconds(30))
			.build();
		Instant deadline = Instant.now().plus(TRAINING_TIMEOUT);
		int served = 0;
		while (served < 2) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the training start ended before serving the form: see " + log);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("the training start served no form within " + TRAINING_TIMEOUT + ": see " + log);
			}
			try {
				HttpResponse<String> answer = http.send(page, HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200) {
					if (!answer.body().contains("data-issue-form")) {
						throw new IllegalStateException("the training start answered without the issuing form: see " + log);
					}
					served++;
					continue;
				}
			}
			catch (IOException notListeningYet) {
				// the portal is still starting
			}
			Thread.sleep(100);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void run(List<String> command, Path directory, Map<String, String> environment, Path log, Duration timeout)
			throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command.get(0) + " did not end within " + timeout + ": see " + log);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " ended with " + process.exitValue() + ":\n" + Files.readString(log));
		}
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static boolean onPath(String command) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i], args[i + 1]);
		}
		for (String required : List.of("--jar", "--dest", "--version", "--flags", "--modules")) {
			if (!options.containsKey(required)) {
				throw new IllegalArgumentException("missing " + required);
			}
		}
		return options;
	}

	static void delete(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	static void log(String message) {
		System.out.println("[dist] " + message);
	}

}
