package dev.mfaportal.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mfaportal.security.LaunchLinkPrinted;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Opens the person's browser at the launch link once it is printed, when
 * {@link LaunchSettings#openBrowser()} says so (by default: under the installed
 * launcher). Never in team mode, never without a display; the link stays printed either
 * way, and nothing here logs it.
 */
class BrowserOpener {

	/** Starts a command without waiting for it. */
	interface Starter {

		void start(List<String> command) throws IOException;

	}

	private final LaunchSettings settings;

	private final Environment environment;

	private final MessageSource messages;

	private final Platform platform;

	private final Starter starter;

	private final PrintStream out;

	BrowserOpener(LaunchSettings settings, Environment environment, MessageSource messages, Platform platform,
			Starter starter, PrintStream out) {
		this.settings = settings;
		this.environment = environment;
		this.messages = messages;
		this.platform = platform;
		this.starter = starter;
		this.out = out;
	}

	@EventListener
	void open(LaunchLinkPrinted link) {
		if (!wanted()) {
			return;
		}
		Optional<List<String>> command = BrowserCommand.of(this.platform.osName(), this.platform.environment(),
				link.url());
		if (command.isEmpty()) {
			say("launcher.noBrowser");
			return;
		}
		try {
			this.starter.start(command.get());
			say("launcher.opening");
		}
		catch (IOException | RuntimeException ex) {
			// the command's name only: the link is the key for this run
			say("launcher.failed", command.get().get(0));
		}
	}

	private boolean wanted() {
		if (this.environment.acceptsProfiles(Profiles.of("team"))) {
			return false;
		}
		Boolean configured = this.settings.openBrowser();
		return (configured != null) ? configured : this.platform.installedLauncher();
	}

	private void say(String code, Object... arguments) {
		this.out.println("  " + this.messages.getMessage(code, arguments, Locale.getDefault()));
		this.out.println();
	}

	/**
	 * What the machine offers: its OS, its environment, and whether the installed
	 * launcher started this JVM (jpackage's launchers set {@code jpackage.app-path}).
	 */
	record Platform(String osName, Map<String, String> environment, boolean installedLauncher) {

		static Platform current() {
			return new Platform(System.getProperty("os.name", ""), System.getenv(),
					System.getProperty("jpackage.app-path") != null);
		}

	}

}
