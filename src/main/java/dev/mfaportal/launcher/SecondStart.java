package dev.mfaportal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Starting the portal while it runs: instead of failing on the port, asks the running
 * portal for a fresh launch link, prints it, has the browser opened at it as a first
 * start would, and ends. The owner can always get back in: a spent or expired link, a
 * closed browser, a lost terminal. Nobody else can: the request carries the secret of the
 * running portal's {@code portal-run}, which only its owner can read ({@link RunFile}).
 * <p>
 * Runs once the configuration is read and before anything else starts (a listener the
 * application's {@code main} adds), so it sees the folder and settings a start would use.
 * Without a {@code portal-run} file, which is every first start, it costs one file
 * look-up; a file left by a portal that died costs one refused loopback connection, then
 * the start goes on.
 */
public final class SecondStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final int TIMEOUT_MILLIS = 5000;

	private final PrintStream out = System.out;

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (environment.acceptsProfiles(Profiles.of("team"))) {
			return;
		}
		String folder = environment.getProperty("portal.launch.folder", environment.getProperty("portal.data-dir", ""));
		if (folder.isEmpty()) {
			return;
		}
		Path runFile = Path.of(folder).resolve(RunFile.NAME);
		if (!Files.exists(runFile, LinkOption.NOFOLLOW_LINKS)) {
			// every first start: nothing more to pay
			return;
		}
		Boolean configured = Binder.get(environment)
			.bind("portal.launch", LaunchSettings.class)
			.map(LaunchSettings::openBrowser)
			.orElse(null);
		Optional<List<String>> answer = ask(runFile,
				BrowserOpener.wanted(environment, configured, BrowserOpener.Platform.current()));
		if (answer.isPresent()) {
			print(answer.get());
			System.exit(0);
		}
	}

	/**
	 * The running portal's answer (the link, then what opening the browser did), or empty
	 * when no portal of this owner answers.
	 */
	static Optional<List<String>> ask(Path runFile, boolean openBrowser) {
		try {
			Optional<RunFile.Running> running = RunFile.read(runFile);
			if (running.isEmpty()) {
				return Optional.empty();
			}
			URI again = running.get().base().resolve(LaunchAgainController.PATH + "?open=" + openBrowser);
			if (!InetAddress.getByName(again.getHost()).isLoopbackAddress()) {
				return Optional.empty();
			}
			// Straight to the loopback address, never through a proxy or a redirect.
			HttpURLConnection connection = (HttpURLConnection) again.toURL().openConnection(Proxy.NO_PROXY);
			connection.setInstanceFollowRedirects(false);
			connection.setUseCaches(false);
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			String nonce = RunFile.nonce();
			connection.setRequestProperty(LaunchAgainController.NONCE_HEADER, nonce);
			connection.setRequestProperty(LaunchAgainController.SECRET_HEADER,
					RunFile.proof(running.get().secret(), "ask", nonce));
			try {
				if (connection.getResponseCode() != 200) {
					return Optional.empty();
				}
				try (InputStream body = connection.getInputStream()) {
					String answer = new String(body.readAllBytes(), StandardCharsets.UTF_8);
					String proof = connection.getHeaderField(LaunchAgainController.ANSWER_PROOF_HEADER);
					// whoever listens there must show it knows the secret: a portal that
					// died
					// left its file, and another account may have taken the port since
					if (proof == null || !MessageDigest.isEqual(proof.getBytes(StandardCharsets.UTF_8),
							RunFile.proof(running.get().secret(), "answer", nonce, answer)
								.getBytes(StandardCharsets.UTF_8))) {
						return Optional.empty();
					}
					List<String> lines = answer.lines().toList();
					return lines.isEmpty() ? Optional.empty() : Optional.of(lines);
				}
			}
			finally {
				connection.disconnect();
			}
		}
		catch (RunFile.Refused ex) {
			// said, and then the start goes on: it fails on the port if a portal runs
			System.err.println(
					"  " + messages().getMessage(ex.messageCode(), new Object[] { ex.file() }, Locale.getDefault()));
			return Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			// no portal of this owner answers there: start as usual
			return Optional.empty();
		}
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

	private void print(List<String> answer) {
		ResourceBundleMessageSource messages = messages();
		this.out.println();
		this.out.println("  " + messages.getMessage("launcher.again", null, Locale.getDefault()));
		this.out.println();
		this.out.println("      " + answer.get(0));
		this.out.println();
		if (answer.size() > 1) {
			Object[] arguments = answer.subList(2, answer.size()).toArray();
			this.out.println("  " + messages.getMessage(answer.get(1), arguments, Locale.getDefault()));
			this.out.println();
		}
	}

}
