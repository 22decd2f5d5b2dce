package dev.mfaportal.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's own way to open a link in the person's browser: {@code open} on macOS,
 * the URL protocol handler on Windows, and on Linux and other Unixes the {@code BROWSER}
 * variable (a {@code :}-separated list of commands, {@code %s} standing for the link) or
 * else {@code xdg-open}, but only when there is a display to show it on.
 */
final class BrowserCommand {

	private BrowserCommand() {
	}

	/**
	 * The command that opens the link, if this machine can show one.
	 * @param osName the {@code os.name} system property
	 * @param environment the process environment
	 * @param url the link to open
	 * @return the command and its arguments, or empty without a display or browser
	 */
	static Optional<List<String>> of(String osName, Map<String, String> environment, String url) {
		String os = osName.toLowerCase(Locale.ROOT);
		if (os.startsWith("windows")) {
			return Optional.of(List.of("rundll32", "url.dll,FileProtocolHandler", url));
		}
		if (os.startsWith("mac")) {
			return Optional.of(List.of("open", url));
		}
		String browser = environment.getOrDefault("BROWSER", "");
		for (String entry : browser.split(":")) {
			if (!entry.isBlank()) {
				return Optional.of(browserVariable(entry.strip(), url));
			}
		}
		if (isSet(environment, "DISPLAY") || isSet(environment, "WAYLAND_DISPLAY")) {
			return Optional.of(List.of("xdg-open", url));
		}
		return Optional.empty();
	}

	/** One entry of {@code BROWSER}: the link replaces {@code %s}, or comes last. */
	private static List<String> browserVariable(String entry, String url) {
		List<String> command = new ArrayList<>();
		boolean placed = false;
		for (String word : Arrays.asList(entry.split("\\s+"))) {
			if (word.contains("%s")) {
				command.add(word.replace("%s", url).replace("%%", "%"));
				placed = true;
			}
			else {
				command.add(word.replace("%%", "%"));
			}
		}
		if (!placed) {
			command.add(url);
		}
		return command;
	}

	private static boolean isSet(Map<String, String> environment, String name) {
		String value = environment.get(name);
		return value != null && !value.isBlank();
	}

}
