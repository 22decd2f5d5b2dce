package dev.mfaportal.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

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

	private final Path folder;

	private final Executor later;

	/**
	 * @param folder where the redirect pages go (the owner's {@code ~/.mfa-portal})
	 * @param later runs a page's deletion once the browser had time to read it
	 */
	BrowserOpener(LaunchSettings settings, Environment environment, MessageSource messages, Platform platform,
			Starter starter, PrintStream out, Path folder, Executor later) {
		this.folder = folder;
		this.later = later;
		this.settings = settings;
		this.environment = environment;
		this.messages = messages;
		this.platform = platform;
		this.starter = starter;
		this.out = out;
	}

	@EventListener
	void open(LaunchLinkPrinted link) {
		if (wanted()) {
			Opened opened = openAt(link.url());
			say(opened.messageCode(), opened.arguments());
		}
	}

	/**
	 * Opens the browser at the link without putting the link on a command line, where
	 * other accounts could read it ({@code ps}) and the browser may keep it: as Jupyter
	 * does, the command gets a page in the owner's folder, readable by the owner only,
	 * that sends the browser on to the link; the page is deleted once the browser had
	 * time to read it. A snap browser can't read that folder: its page goes to the snap's
	 * own ({@link SnapBrowser}).
	 * @return what happened, as a message for the terminal that never holds the link
	 */
	Opened openAt(String url) {
		Path folder = BrowserCommand.of(this.platform.osName(), this.platform.environment(), "")
			.flatMap((command) -> SnapBrowser.folder(command.get(0), this.platform.environment(), this.platform.home(),
					this.platform.snaps()))
			.orElse(this.folder);
		Path page;
		try {
			page = OwnerOnlyFiles.create(folder, "launch-", ".html",
					RedirectPage.html(url, this.messages.getMessage("launcher.redirect", null, Locale.getDefault())));
		}
		catch (IOException | RuntimeException ex) {
			return new Opened("launcher.failed", folder.toString());
		}
		Optional<List<String>> command = BrowserCommand.of(this.platform.osName(), this.platform.environment(),
				page.toUri().toString());
		if (command.isEmpty()) {
			delete(page);
			return new Opened("launcher.noBrowser");
		}
		try {
			this.starter.start(command.get());
			this.later.execute(() -> delete(page));
			return new Opened("launcher.opening");
		}
		catch (IOException | RuntimeException ex) {
			delete(page);
			// the command's name only: the link is a key
			return new Opened("launcher.failed", command.get().get(0));
		}
	}

	private static void delete(Path page) {
		try {
			Files.deleteIfExists(page);
		}
		catch (IOException ex) {
			// 0600, and its link works once for a few minutes: nothing to tell
		}
	}

	private boolean wanted() {
		return wanted(this.environment, this.settings.openBrowser(), this.platform);
	}

	/**
	 * Whether this start opens the browser: {@link LaunchSettings#openBrowser()}, unset
	 * meaning under the installed launcher only; never in team mode.
	 */
	static boolean wanted(Environment environment, Boolean configured, Platform platform) {
		if (environment.acceptsProfiles(Profiles.of("team"))) {
			return false;
		}
		return (configured != null) ? configured : platform.installedLauncher();
	}

	private void say(String code, Object... arguments) {
		this.out.println("  " + this.messages.getMessage(code, arguments, Locale.getDefault()));
		this.out.println();
	}

	/** What opening the browser did, as a message code and its arguments. */
	record Opened(String messageCode, Object... arguments) {

	}

	/**
	 * What the machine offers: its OS, its environment, whether the installed launcher
	 * started this JVM (jpackage's launchers set {@code jpackage.app-path}), the user's
	 * home folder and where snaps are installed ({@link SnapBrowser}).
	 */
	record Platform(String osName, Map<String, String> environment, boolean installedLauncher, Path home, Path snaps) {

		Platform(String osName, Map<String, String> environment, boolean installedLauncher) {
			this(osName, environment, installedLauncher, Path.of(System.getProperty("user.home")), Path.of("/snap"));
		}

		static Platform current() {
			return new Platform(System.getProperty("os.name", ""), System.getenv(),
					System.getProperty("jpackage.app-path") != null);
		}

	}

}
