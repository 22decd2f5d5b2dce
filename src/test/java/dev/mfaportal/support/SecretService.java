package dev.mfaportal.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Secret Service for the keychain tests: a private D-Bus session bus
 * ({@code dbus-daemon --session}) and GNOME Keyring on it ({@code gnome-keyring-daemon
 * --unlock --components=secrets}, its passphrase on stdin), both with a home folder of
 * their own, so that the machine's keyring is never touched. The portal's keychain
 * library (dbus-java) takes the bus address from the system property
 * {@code DBUS_SESSION_BUS_ADDRESS}, which the extension sets for the test JVM, before a
 * Spring context starts. {@link #search} looks from outside with {@code secret-tool}. Use
 * with {@code @ExtendWith(SecretServiceExtension.class)} and a parameter of this type;
 * skipped where the tools are missing, failed in CI.
 */
public final class SecretService implements ExtensionContext.Store.CloseableResource {

	public static final String ADDRESS_PROPERTY = "DBUS_SESSION_BUS_ADDRESS";

	private final Process bus;

	private final Process keyring;

	private final String address;

	private final Path home;

	private SecretService(Process bus, Process keyring, String address, Path home) {
		this.bus = bus;
		this.keyring = keyring;
		this.address = address;
		this.home = home;
	}

	static SecretService start() throws IOException, InterruptedException {
		for (String tool : List.of("dbus-daemon", "gnome-keyring-daemon", "secret-tool")) {
			Tools.require(Tools.onPath(tool).isPresent(),
					"no " + tool + " (Debian: apt-get install dbus gnome-keyring libsecret-tools)");
		}
		Path home = Files.createTempDirectory("mfa-portal-secret-service");
		ProcessBuilder busCommand = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1");
		environment(busCommand.environment(), home, null);
		Process bus = busCommand.redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
			.readLine();
		if (address == null || address.isBlank()) {
			bus.destroyForcibly();
			throw new IllegalStateException("dbus-daemon printed no address");
		}
		ProcessBuilder keyringCommand = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
				"--components=secrets");
		environment(keyringCommand.environment(), home, address);
		Process keyring = keyringCommand.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (OutputStream stdin = keyring.getOutputStream()) {
			stdin.write("keyring passphrase of the tests".getBytes(StandardCharsets.UTF_8));
		}
		SecretService service = new SecretService(bus, keyring, address, home);
		service.awaitSecrets();
		System.setProperty(ADDRESS_PROPERTY, address);
		return service;
	}

	/** The bus address, for the programs a test starts. */
	public String address() {
		return this.address;
	}

	/** The home folder of the bus and the keyring (the keyring's own file is in it). */
	public Path home() {
		return this.home;
	}

	/**
	 * What {@code secret-tool search --all} finds for these attributes, as it prints it
	 * (labels, attributes and secrets).
	 */
	public String search(String... attributes) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("secret-tool", "search", "--all", "--unlock"));
		command.addAll(List.of(attributes));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		environment(builder.environment(), this.home, this.address);
		Process search = builder.start();
		String output = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		search.waitFor(20, TimeUnit.SECONDS);
		return output;
	}

	/**
	 * Until the Secret Service answers on the bus (a search for nothing succeeds) and
	 * takes an item into its default collection, as the keychain store writes them: a
	 * keyring still without its login collection answers searches but fails every write.
	 */
	private void awaitSecrets() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			Process search = secretTool(null, "search", "mfa-portal-probe", "none");
			String output = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (search.waitFor(10, TimeUnit.SECONDS) && search.exitValue() <= 1 && !output.contains("not provided")
					&& succeeds(
							secretTool("probe", "store", "--label=mfa-portal-probe", "mfa-portal-probe", "ready"))) {
				succeeds(secretTool(null, "clear", "mfa-portal-probe", "ready"));
				return;
			}
			Thread.sleep(100);
		}
		close();
		throw new IllegalStateException("the Secret Service did not come up on " + this.address);
	}

	/**
	 * {@code secret-tool} on this bus, given this on its standard input (none: closed).
	 */
	private Process secretTool(String input, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("secret-tool"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		environment(builder.environment(), this.home, this.address);
		Process process = builder.start();
		try (OutputStream stdin = process.getOutputStream()) {
			if (input != null) {
				stdin.write(input.getBytes(StandardCharsets.UTF_8));
			}
		}
		return process;
	}

	/** Whether it ends well within 10 s (a store waiting for a prompt never does). */
	private static boolean succeeds(Process process) throws InterruptedException {
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return false;
		}
		return process.exitValue() == 0;
	}

	private static void environment(Map<String, String> environment, Path home, String address) {
		environment.put("HOME", home.toString());
		environment.put("XDG_RUNTIME_DIR", home.toString());
		environment.put("XDG_DATA_HOME", home.resolve("data").toString());
		environment.remove("DISPLAY");
		if (address != null) {
			environment.put(ADDRESS_PROPERTY, address);
		}
		else {
			environment.remove(ADDRESS_PROPERTY);
		}
	}

	@Override
	public void close() {
		System.clearProperty(ADDRESS_PROPERTY);
		this.keyring.destroy();
		this.bus.destroy();
		try {
			this.keyring.waitFor(5, TimeUnit.SECONDS);
			this.bus.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.keyring.destroyForcibly();
		this.bus.destroyForcibly();
	}

}
