package dev.mfaportal.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the browser that opens the redirect page is a snap (Ubuntu's Firefox and
 * Chromium are): a snap reads neither the hidden folders of the home folder
 * ({@code ~/.mfa-portal}) nor the system's {@code /tmp} or {@code /run/user}, so it would
 * show "file not found" where the link should open. Jupyter met the same and only offers
 * to put the link itself on the command line, which this portal refuses. A snap always
 * reads its own folder, {@code ~/snap/NAME/common}, so the page goes there.
 * <p>
 * The browser is the command's program found on {@code PATH} ({@code /snap/bin/NAME}, or
 * a script that starts it, as Ubuntu's {@code /usr/bin/firefox} does), or for
 * {@code xdg-open} the default application for HTML pages, whose desktop file a snap
 * names {@code NAME_APP.desktop}.
 */
final class SnapBrowser {

	private static final Pattern SNAP_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private static final Pattern STARTS_SNAP = Pattern.compile("/snap/bin/([a-z0-9][a-z0-9-]{0,39})\\b");

	private SnapBrowser() {
	}

	/**
	 * The folder the snap that runs {@code program} reads, if it is a snap's.
	 * @param program the browser command's first word
	 * @param environment the process environment ({@code PATH}, the XDG folders)
	 * @param home the user's home folder
	 * @param snaps where snaps are installed ({@code /snap})
	 */
	static Optional<Path> folder(String program, Map<String, String> environment, Path home, Path snaps) {
		if (!Files.isDirectory(snaps)) {
			// No snaps here (Windows, macOS, most Linux): nothing to look up, and a
			// Windows
			// PATH entry (quoted, with a drive) is no path to read.
			return Optional.empty();
		}
		try {
			Optional<String> name = program.equals("xdg-open") ? defaultHtmlApplication(environment, home, snaps)
					: onPath(program, environment).flatMap((path) -> snapOf(path, snaps));
			return name.map((snap) -> home.resolve("snap").resolve(snap).resolve("common").resolve("mfa-portal"));
		}
		catch (InvalidPathException ex) {
			// An entry of PATH or BROWSER that is no path: then it is no snap either.
			return Optional.empty();
		}
	}

	private static Optional<Path> onPath(String program, Map<String, String> environment) {
		if (program.contains("/")) {
			return Optional.of(Path.of(program));
		}
		for (String folder : environment.getOrDefault("PATH", "").split(":")) {
			if (!folder.isEmpty() && Files.isRegularFile(Path.of(folder).resolve(program))) {
				return Optional.of(Path.of(folder).resolve(program));
			}
		}
		return Optional.empty();
	}

	/** {@code /snap/bin/NAME[.APP]}, or a short script that runs one. */
	private static Optional<String> snapOf(Path program, Path snaps) {
		Path bin = snaps.resolve("bin");
		if (program.startsWith(bin) && program.getNameCount() == bin.getNameCount() + 1) {
			return installed(program.getFileName().toString().split("\\.")[0], snaps);
		}
		try {
			if (Files.size(program) < 4096) {
				String text = Files.readString(program, StandardCharsets.UTF_8);
				Matcher started = STARTS_SNAP.matcher(text.replace(snaps.toString() + "/bin/", "/snap/bin/"));
				if (text.startsWith("#!") && started.find()) {
					return installed(started.group(1), snaps);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// a binary, or unreadable: not a script that starts a snap
		}
		return Optional.empty();
	}

	/**
	 * The snap whose desktop file is the first default for {@code text/html}, searched as
	 * {@code xdg-mime} does: the user's {@code mimeapps.list}, then the system's.
	 */
	private static Optional<String> defaultHtmlApplication(Map<String, String> environment, Path home, Path snaps) {
		List<Path> lists = new ArrayList<>();
		lists.add(folder(environment, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("mimeapps.list"));
		for (String config : environment.getOrDefault("XDG_CONFIG_DIRS", "/etc/xdg").split(":")) {
			lists.add(Path.of(config).resolve("mimeapps.list"));
		}
		lists.add(folder(environment, "XDG_DATA_HOME", home.resolve(".local/share"))
			.resolve("applications/mimeapps.list"));
		for (String data : environment.getOrDefault("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")) {
			lists.add(Path.of(data).resolve("applications/mimeapps.list"));
			lists.add(Path.of(data).resolve("applications/defaults.list"));
		}
		for (Path list : lists) {
			Optional<String> application = htmlDefault(list);
			if (application.isPresent()) {
				String desktop = application.get();
				int underscore = desktop.indexOf('_');
				return (underscore > 0) ? installed(desktop.substring(0, underscore), snaps) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	private static Optional<String> htmlDefault(Path list) {
		try {
			if (!Files.isRegularFile(list)) {
				return Optional.empty();
			}
			boolean defaults = false;
			for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
				String trimmed = line.strip();
				if (trimmed.startsWith("[")) {
					defaults = trimmed.equals("[Default Applications]");
				}
				else if (defaults && trimmed.startsWith("text/html=")) {
					String first = trimmed.substring("text/html=".length()).split(";")[0].strip();
					return first.isEmpty() ? Optional.empty() : Optional.of(first);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// unreadable: as if it named no default
		}
		return Optional.empty();
	}

	private static Optional<String> installed(String name, Path snaps) {
		return (SNAP_NAME.matcher(name).matches() && Files.isDirectory(snaps.resolve(name))) ? Optional.of(name)
				: Optional.empty();
	}

	private static Path folder(Map<String, String> environment, String variable, Path otherwise) {
		String value = environment.get(variable);
		return (value != null && value.startsWith("/")) ? Path.of(value) : otherwise;
	}

}
