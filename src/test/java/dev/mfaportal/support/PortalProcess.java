package dev.mfaportal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal as a process of its own, as a person starts it: a child JVM on the test
 * class path running the application's {@code main} (so the second-start check runs too),
 * on a free port, with {@code user.home} and {@code HOME} at the test's folder and none
 * of the machine's AWS, D-Bus or display variables. For what two portals, or a portal
 * before and after a restart, do to shared state such as the vault file: two Spring
 * contexts in the test JVM share its memory, its locks and its libraries' singletons, and
 * can't be killed. The output goes to {@code NAME.log} in the home folder.
 */
public final class PortalProcess implements AutoCloseable {

	/** A start under a machine busy with other builds can take minutes. */
	public static final Duration START_TIMEOUT = Duration.ofSeconds(240);

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final Path log;

	private int port;

	private PortalProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts a portal without waiting for it: start several, then {@link #awaitStarted()}
	 * each, and they start at once.
	 * @param jvm JVM options (system properties)
	 * @param environment variables added to the cleaned environment
	 * @param arguments the application's arguments, after the test defaults (local mode,
	 * the main configuration without the tests' own, no launch link, no browser, port 0)
	 */
	public static PortalProcess launch(Path home, String name, List<String> jvm, Map<String, String> environment,
			List<String> arguments) {
		return start(List.of("-cp", System.getProperty("java.class.path"), "dev.mfaportal.MfaPortalApplication"), home,
				name, jvm, environment, arguments);
	}

	/**
	 * As {@link #launch}, but the packaged jar, as {@code java -jar} runs it (failsafe).
	 */
	public static PortalProcess launchJar(Path jar, Path home, String name, List<String> jvm,
			Map<String, String> environment, List<String> arguments) {
		return start(List.of("-jar", jar.toString()), home, name, jvm, environment, arguments);
	}

	private static PortalProcess start(List<String> what, Path home, String name, List<String> jvm,
			Map<String, String> environment, List<String> arguments) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home,
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
		command.addAll(jvm);
		command.addAll(what);
		command.addAll(List.of(
				// the packaged jar's configuration only: the test class path's
				// config/application.properties gives every start a vault of its own
				"--spring.config.location=classpath:/application.properties", "--server.port=0",
				"--portal.access.launch-token=false", "--portal.launch.open-browser=false"));
		command.addAll(arguments);
		Path log = home.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> cleaned = builder.environment();
		cleaned.keySet()
			.removeIf((key) -> key.startsWith("AWS_") || key.startsWith("DBUS_") || key.equals("DISPLAY")
					|| key.equals("WAYLAND_DISPLAY") || key.equals("BROWSER"));
		cleaned.put("HOME", home.toString());
		cleaned.putAll(environment);
		try {
			return new PortalProcess(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Until the portal listens; fails with its output when it ends first or too late. */
	public PortalProcess awaitStarted() throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher started = PORT.matcher(output());
			if (started.find()) {
				this.port = Integer.parseInt(started.group(1));
				return this;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the portal ended (" + this.process.exitValue() + "): " + output());
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("the portal did not start in " + START_TIMEOUT + ": " + output());
	}

	/** The JVM's process id, to read what it holds open. */
	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	/**
	 * A new browser of this portal (no launch link needed: the tests' portals ask none).
	 */
	public PortalClient browser() {
		return new PortalClient(this.port);
	}

	/** All the portal printed so far. */
	public String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Ends it as a crash or a power cut would: SIGKILL, no shutdown hook, no flush. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			kill();
		}
	}

}
