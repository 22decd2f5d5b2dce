package dev.mfaportal.operations;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's start, without a container engine: the packaged jar is extracted into the
 * same layers {@code docker/Dockerfile} copies, the AOT cache is trained by the same
 * {@code docker/start.sh --train}, and the portal is started by {@code docker/start.sh}
 * on Java 25 in team mode against PostgreSQL, as {@code docker/compose.yaml} does.
 * {@code -XX:AOTMode=on} makes the JVM refuse to start if the cache does not fit the
 * class path. The Dockerfile's own HEALTHCHECK command must then say healthy, and SIGTERM
 * must end it gracefully.
 * <p>
 * Runs in {@code ./mvnw verify} after {@code package} (failsafe); needs a Java 25 (set
 * {@code JAVA25_HOME}) and the PostgreSQL the other database tests use.
 */
class DockerStartCommandIT {

	static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path work;

	@Test
	void startCommandWhenRunOnTheExtractedLayersThenHealthyUsesTheAotCacheAndStopsGracefully() throws Exception {
		Path java25 = Tools.requireJava25();
		Tools.require(PostgresDatabase.reachable(), "no PostgreSQL at 127.0.0.1:5432 (user postgres, database test)");
		Path jar = Path.of(System.getProperty("portal.jar", "target/none.jar"));
		assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();

		Path app = layers(java25, jar);
		// The image's own JVM options, for the training as at image build and for the
		// start.
		String javaOpts = imageJavaOpts();
		Map<String, String> environment = Map.of("PATH",
				java25.getParent() + File.pathSeparator + System.getenv("PATH"), "JAVA_OPTS", javaOpts);
		Process training = run(app, List.of("./start.sh", "--train"), environment, this.work.resolve("training.log"));
		assertThat(training.waitFor(3, TimeUnit.MINUTES)).as("training ends").isTrue();
		assertThat(training.exitValue()).as(Files.readString(this.work.resolve("training.log"))).isZero();
		assertThat(app.resolve("app.aot")).exists();

		String schema = "mfa_portal_docker_it_" + ProcessHandle.current().pid();
		PostgresDatabase.dropAtExit(schema);
		int port = freePort();
		Path log = this.work.resolve("portal.log");
		long start = System.nanoTime();
		Process portal = run(app, List.of("./start.sh"),
				Map.of("PATH", environment.get("PATH"), "JAVA_OPTS", javaOpts + " -XX:AOTMode=on",
						"SPRING_PROFILES_ACTIVE", "team", "SERVER_PORT", String.valueOf(port), "SPRING_DATASOURCE_URL",
						"jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "SPRING_DATASOURCE_USERNAME",
						PostgresDatabase.USER, "PORTAL_TEAM_REQUIRE_POSTGRESQL", "true", "PORTAL_ENCRYPTION_KEY",
						Base64.getEncoder().encodeToString(new byte[32]), "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
				log);
		try {
			HttpResponse<String> health = awaitHealth(port, portal);
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			assertThat(health.statusCode()).as(Files.readString(log)).isEqualTo(200);
			assertThat(health.body()).endsWith("\"status\":\"UP\"}");
			System.out.printf("DockerStartCommandIT: healthy %d ms after start.sh%n", millis);

			ProcessBuilder check = new ProcessBuilder(healthcheckCommand()).redirectErrorStream(true);
			// as the container's environment has it: the check must follow the port
			check.environment().put("SERVER_PORT", String.valueOf(port));
			Process healthcheck = check.start();
			assertThat(healthcheck.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(healthcheck.exitValue()).as("the Dockerfile's HEALTHCHECK").isZero();
		}
		finally {
			portal.destroy();
			assertThat(portal.waitFor(40, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
		}
		String output = Files.readString(log);
		assertThat(output.lines().filter((line) -> line.startsWith("{")).count()).as("JSON log lines").isPositive();
		assertThat(output).contains("Graceful shutdown complete").doesNotContain("AOT cache", "Unable to map");
	}

	/**
	 * As the Dockerfile does: extract, then each layer copied into one folder, then
	 * start.sh.
	 */
	private Path layers(Path java25, Path jar) throws Exception {
		Path extracted = this.work.resolve("layers");
		Process extract = new ProcessBuilder(java25.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--layers", "--application-filename", "app.jar", "--destination", extracted.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("extract.log").toFile())
			.start();
		assertThat(extract.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(extract.exitValue()).as(Files.readString(this.work.resolve("extract.log"))).isZero();
		Path app = this.work.resolve("app");
		for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
			copy(extracted.resolve(layer), app);
		}
		Files.copy(Path.of("docker/start.sh"), app.resolve("start.sh"));
		assertThat(app.resolve("start.sh").toFile().setExecutable(true)).isTrue();
		assertThat(app.resolve("app.jar")).exists();
		return app;
	}

	private static void copy(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			return;
		}
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static Process run(Path directory, List<String> command, Map<String, String> environment, Path log)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().clear();
		builder.environment().put("HOME", directory.toString());
		builder.environment().putAll(environment);
		return builder.start();
	}

	private static HttpResponse<String> awaitHealth(int port, Process portal) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && portal.isAlive()) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return response;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no healthy portal within " + START_TIMEOUT + "; alive: " + portal.isAlive());
	}

	/** The Dockerfile's HEALTHCHECK CMD. */
	private static List<String> healthcheckCommand() throws IOException {
		String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
		Matcher cmd = Pattern.compile("HEALTHCHECK .*?CMD \\[([^\\n]*)]", Pattern.DOTALL).matcher(dockerfile);
		assertThat(cmd.find()).as("a HEALTHCHECK in exec form").isTrue();
		List<String> command = new ArrayList<>();
		Matcher argument = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(cmd.group(1));
		while (argument.find()) {
			command.add(argument.group(1).replace("\\\\", "\\"));
		}
		assertThat(command).hasSize(3);
		return command;
	}

	/** The value of the Dockerfile's {@code ENV JAVA_OPTS="..."}. */
	static String imageJavaOpts() throws IOException {
		Matcher env = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"")
			.matcher(Files.readString(Path.of("docker/Dockerfile")));
		assertThat(env.find()).as("docker/Dockerfile sets JAVA_OPTS").isTrue();
		return env.group(1);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
