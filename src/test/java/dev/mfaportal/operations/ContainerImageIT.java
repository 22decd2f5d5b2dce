package dev.mfaportal.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/Dockerfile} built and run as it ships, with no registry: the
 * {@code eclipse-temurin:25-jdk}/{@code -jre} it starts from are stood in for by a Debian
 * root ({@code debootstrap --variant=minbase bookworm}) with the machine's Temurin 25 in
 * {@code /opt/java/openjdk}, as the real images have it. buildah builds the Dockerfile
 * (less its {@code # syntax=} line, whose frontend can't be pulled) with the Maven
 * wrapper inside, hands the image to a dockerd this test starts in a folder of its own,
 * and {@code docker run --network host} starts it in team mode against the machine's
 * PostgreSQL on a port that is not 8080. Then: it runs as {@code portal} (uid 999),
 * readiness answers, docker calls it healthy (so the HEALTHCHECK follows
 * {@code SERVER_PORT}), its classes come from the AOT cache trained at build time, and
 * {@code docker stop} ends it gracefully.
 * <p>
 * The stand-in base is made once per Temurin version and kept, with buildah's storage, in
 * {@code ~/.cache/mfa-portal/container-image/VERSION} ({@code PORTAL_CONTAINER_CACHE}
 * names another folder); the Maven repository of the build stage stays in buildah's
 * {@code RUN --mount=type=cache}. Needs root, {@code debootstrap}, {@code buildah},
 * {@code dockerd} and {@code docker} (Debian: {@code debootstrap buildah docker.io}).
 */
class ContainerImageIT {

	static final String IMAGE = "mfa-portal:test";

	static final String CONTAINER = "mfa-portal-image-it";

	static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	@TempDir
	Path work;

	Path storage;

	Process dockerd;

	Path socket;

	@Test
	void imageWhenBuiltFromTheDockerfileAndRunThenPortalUserReadyHealthyOnItsPortFromTheAotCacheAndStopsGracefully()
			throws Exception {
		Path java25 = Tools.requireJava25();
		for (String tool : List.of("debootstrap", "buildah", "dockerd", "docker", "unshare")) {
			Tools.require(Tools.onPath(tool).isPresent(),
					"no " + tool + " on PATH (Debian: apt-get install debootstrap buildah docker.io)");
		}
		Tools.require("root".equals(System.getProperty("user.name")),
				"not root: debootstrap, dockerd and buildah's chroot isolation need it");
		Tools.require(PostgresDatabase.reachable(), "no PostgreSQL at 127.0.0.1:5432 (user postgres, database test)");
		Path jdk = java25.getParent().getParent();
		this.storage = cache(jdk);

		long started = System.nanoTime();
		boolean made = base(jdk);
		long base = lap(started);
		Path dockerfile = this.work.resolve("Dockerfile");
		// The one change: the syntax line names a BuildKit frontend to pull.
		Files.writeString(dockerfile,
				Files.readString(Path.of("docker/Dockerfile")).replaceFirst("^# syntax=.*\n", ""));
		assertThat(Files.readString(dockerfile)).doesNotContain("# syntax=");
		command("build", Duration.ofMinutes(20), buildah("bud", "--format", "docker", "--network", "host",
				"--isolation", "chroot", "--pull=never", "-f", dockerfile.toString(), "-t", IMAGE, "."));
		long build = lap(started) - base;

		startDockerd();
		// buildah's docker-daemon: transport knows only /run/docker.sock (it reads no
		// DOCKER_HOST), so this dockerd's socket is put there in a mount namespace of the
		// push's own.
		List<String> push = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
				"mount -t tmpfs tmpfs /run && ln -s \"$0\" /run/docker.sock && exec \"$@\"", this.socket.toString()));
		push.addAll(buildah("push", "-q", "localhost/" + IMAGE, "docker-daemon:" + IMAGE));
		command("push", Duration.ofMinutes(5), push);
		long pushed = lap(started) - base - build;

		String schema = "mfa_portal_image_it_" + ProcessHandle.current().pid();
		PostgresDatabase.dropAtExit(schema);
		int port = freePort();
		long running = System.nanoTime();
		command("run", Duration.ofMinutes(2), docker("run", "-d", "--name", CONTAINER, "--network", "host",
				// the image's own check, asked every 2 s rather than 15 s
				"--health-interval", "2s", "-e", "SERVER_PORT=" + port, "-e",
				"SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "-e",
				"SPRING_DATASOURCE_USERNAME=" + PostgresDatabase.USER, "-e", "PORTAL_TEAM_REQUIRE_POSTGRESQL=true",
				"-e", "PORTAL_ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(new byte[32]), "-e",
				// beside the image's JAVA_OPTS, not instead: where each class came from
				"JDK_JAVA_OPTIONS=-Xlog:class+load=info:file=/data/class-load.log", IMAGE));
		long ready = awaitReadiness(port);
		long readyMillis = Duration.ofNanos(ready - running).toMillis();
		assertThat(awaitHealth()).as("docker's health status, from the image's HEALTHCHECK on port " + port)
			.isEqualTo("healthy");
		long healthyMillis = Duration.ofNanos(System.nanoTime() - running).toMillis();

		assertThat(command("user", Duration.ofSeconds(30), docker("inspect", "-f", "{{.Config.User}}", CONTAINER)))
			.isEqualTo("portal");
		assertThat(command("uid", Duration.ofSeconds(30), docker("exec", CONTAINER, "cat", "/proc/1/status")))
			.containsPattern("(?m)^Uid:\\s+999\\s+999\\s+999\\s+999$");
		assertThat(command("classes", Duration.ofSeconds(30), docker("exec", CONTAINER, "cat", "/data/class-load.log")))
			.as("Spring Boot's and the portal's classes from the AOT cache")
			.contains("org.springframework.boot.SpringApplication source: shared objects file")
			.contains("dev.mfaportal.MfaPortalApplication source: shared objects file");

		command("stop", Duration.ofMinutes(1), docker("stop", "-t", "30", CONTAINER));
		assertThat(command("exit code", Duration.ofSeconds(30),
				docker("inspect", "-f", "{{.State.ExitCode}} {{.State.OOMKilled}}", CONTAINER)))
			.as("the JVM's answer to SIGTERM, 128 + 15")
			.isEqualTo("143 false");
		assertThat(command("logs", Duration.ofSeconds(30), docker("logs", CONTAINER)))
			.contains("Started MfaPortalApplication")
			.contains("Graceful shutdown complete");
		System.out.printf(
				"ContainerImageIT: base %d s (%s), build %d s, push %d s, ready %d ms and healthy %d ms after docker run%n",
				base / 1000, made ? "made" : "cached", build / 1000, pushed / 1000, readyMillis, healthyMillis);
	}

	@AfterEach
	void stopDockerdAndRemoveTheImage() throws Exception {
		if (this.dockerd != null) {
			run(docker("rm", "-f", CONTAINER), this.work.resolve("rm.log"), Duration.ofMinutes(1));
			this.dockerd.destroy();
			if (!this.dockerd.waitFor(30, TimeUnit.SECONDS)) {
				this.dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			remove(this.work.resolve("docker"));
		}
		if (this.storage != null) {
			// the base stays for the next run; this build's image goes
			run(buildah("rmi", "-f", "localhost/" + IMAGE), this.work.resolve("rmi.log"), Duration.ofMinutes(2));
		}
	}

	/**
	 * Unmounts what dockerd leaves mounted there (its network namespace), then deletes
	 * it: a folder the JUnit clean-up could not delete, and one full of links it would
	 * warn about one by one.
	 */
	private void remove(Path folder) throws Exception {
		List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"))
			.stream()
			.map((line) -> line.split(" ")[4])
			.filter((mount) -> mount.startsWith(folder + "/"))
			.sorted(Comparator.reverseOrder())
			.toList();
		for (String mount : mounts) {
			run(List.of("umount", "-l", mount), this.work.resolve("umount.log"), Duration.ofSeconds(30));
		}
		command("remove " + folder.getFileName(), Duration.ofMinutes(2), List.of("rm", "-rf", folder.toString()));
	}

	/**
	 * The stand-in {@code eclipse-temurin:25-jdk} and {@code -jre} (one image), made
	 * unless the cache holds them.
	 * @return whether it had to be made
	 */
	private boolean base(Path jdk) throws Exception {
		if (run(buildah("inspect", "--type", "image", "docker.io/library/eclipse-temurin:25-jdk"),
				this.work.resolve("inspect.log"), Duration.ofMinutes(1)) == 0) {
			return false;
		}
		Path root = this.work.resolve("rootfs");
		command("debootstrap", Duration.ofMinutes(15),
				List.of("debootstrap", "--variant=minbase", "bookworm", root.toString(), debianMirror()));
		// what apt fetched is of no use in the image
		command("clean", Duration.ofMinutes(1), List.of("sh", "-c",
				"rm -rf \"$0\"/var/cache/apt/archives/*.deb \"$0\"/var/lib/apt/lists/*", root.toString()));
		Path java = root.resolve("opt/java/openjdk");
		Files.createDirectories(java.getParent());
		command("copy the JDK", Duration.ofMinutes(5), List.of("cp", "-a", jdk.toString(), java.toString()));
		// Debian's JDK links cacerts to /etc/ssl/certs/java, which the root doesn't have
		Path cacerts = java.resolve("lib/security/cacerts");
		Path real = jdk.resolve("lib/security/cacerts").toRealPath();
		Files.delete(cacerts);
		Files.copy(real, cacerts);
		assertThat(Files.isSymbolicLink(cacerts)).isFalse();

		String container = command("from", Duration.ofMinutes(1), buildah("from", "scratch"));
		try {
			command("copy the root", Duration.ofMinutes(10), buildah("copy", container, root.toString(), "/"));
			command("config", Duration.ofMinutes(1),
					buildah("config", "--env", "JAVA_HOME=/opt/java/openjdk", "--env",
							"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
							"--env", "LANG=C.UTF-8", "--cmd", "bash", container));
			command("commit", Duration.ofMinutes(10),
					buildah("commit", "-q", container, "docker.io/library/eclipse-temurin:25-jdk"));
			command("tag", Duration.ofMinutes(1), buildah("tag", "docker.io/library/eclipse-temurin:25-jdk",
					"docker.io/library/eclipse-temurin:25-jre"));
		}
		finally {
			run(buildah("rm", container), this.work.resolve("rm-base.log"), Duration.ofMinutes(1));
			remove(root);
		}
		return true;
	}

	/**
	 * A folder per Temurin release: a newer JDK makes a new base rather than reusing one
	 * with the old.
	 */
	private static Path cache(Path jdk) throws IOException {
		Properties release = new Properties();
		try (var reader = Files.newBufferedReader(jdk.resolve("release"))) {
			release.load(reader);
		}
		String version = release.getProperty("JAVA_RUNTIME_VERSION", "unknown").replace("\"", "");
		String configured = System.getenv("PORTAL_CONTAINER_CACHE");
		Path folder = (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "mfa-portal", "container-image");
		return Files.createDirectories(folder.resolve(version.replaceAll("[^A-Za-z0-9.+_-]", "_")));
	}

	/** The machine's own Debian mirror (the one apt is allowed to reach). */
	private static String debianMirror() throws IOException {
		Pattern uri = Pattern.compile("(?m)^(?:URIs:\\s*|deb\\s+(?:\\[[^]]*]\\s+)?)(\\S+/debian)/?\\s");
		for (Path sources : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"),
				Path.of("/etc/apt/sources.list"))) {
			if (Files.isReadable(sources)) {
				Matcher matcher = uri.matcher(Files.readString(sources) + "\n");
				if (matcher.find()) {
					return matcher.group(1);
				}
			}
		}
		return "http://deb.debian.org/debian";
	}

	private void startDockerd() throws Exception {
		Path root = this.work.resolve("docker");
		this.socket = root.resolve("docker.sock");
		Files.createDirectories(root);
		this.dockerd = new ProcessBuilder("dockerd", "--data-root", root.resolve("data").toString(), "--exec-root",
				root.resolve("exec").toString(), "--pidfile", root.resolve("dockerd.pid").toString(), "-H",
				"unix://" + this.socket, "--bridge=none", "--iptables=false", "--ip6tables=false")
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("dockerd.log").toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (run(docker("version"), this.work.resolve("version.log"), Duration.ofSeconds(10)) != 0) {
			assertThat(this.dockerd.isAlive() && System.nanoTime() < deadline)
				.as(() -> "dockerd answers: " + tail(this.work.resolve("dockerd.log")))
				.isTrue();
			Thread.sleep(250);
		}
	}

	private long awaitReadiness(int port) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
					return System.nanoTime();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		throw new AssertionError("not ready within " + READY_TIMEOUT + ": "
				+ command("logs", Duration.ofSeconds(30), docker("logs", CONTAINER)));
	}

	/** Once past "starting": every 2 s a check, so a minute is plenty. */
	private String awaitHealth() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String status;
		do {
			Thread.sleep(500);
			status = command("health", Duration.ofSeconds(30),
					docker("inspect", "-f", "{{.State.Health.Status}}", CONTAINER));
		}
		while ("starting".equals(status) && System.nanoTime() < deadline);
		return status;
	}

	private List<String> buildah(String... arguments) {
		List<String> command = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs", "--root",
				this.storage.resolve("storage").toString(), "--runroot", this.storage.resolve("run").toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	private List<String> docker(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker", "-H", "unix://" + this.socket));
		command.addAll(List.of(arguments));
		return command;
	}

	/** Runs a step that must succeed; its output, stripped. */
	private String command(String step, Duration timeout, List<String> command) throws Exception {
		Path log = this.work.resolve(step.replace(' ', '-') + ".log");
		long started = System.nanoTime();
		int exit = run(command, log, timeout);
		System.out.printf("ContainerImageIT: %s took %d ms%n", step, lap(started));
		assertThat(exit).as(() -> step + " (" + String.join(" ", command) + "): " + tail(log)).isZero();
		return Files.readString(log).strip();
	}

	private static int run(List<String> command, Path log, Duration timeout) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			return -1;
		}
		return process.exitValue();
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static long lap(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
