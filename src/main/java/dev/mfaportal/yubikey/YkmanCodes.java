package dev.mfaportal.yubikey;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.mfaportal.issuing.HardwareCodes;

/**
 * Codes from {@code ykman oath accounts code --single ACCOUNT}, which prints the 6 digits
 * alone on stdout. Its failures are recognised by the texts ykman prints and said in the
 * person's words; any other gives ykman's exit status and first error line. Nothing here
 * logs what ykman printed on stdout: it is the code.
 */
class YkmanCodes implements HardwareCodes {

	private static final Pattern CODE = Pattern.compile("\\d{6}");

	/** Longer first error lines are cut: they are shown on the page. */
	private static final int LINE_MAX = 200;

	private final YkmanSettings settings;

	YkmanCodes(YkmanSettings settings) {
		this.settings = settings;
	}

	@Override
	public boolean available() {
		return executable().isPresent();
	}

	/** The configured program, else {@code ykman} on the {@code PATH}. */
	Optional<Path> executable() {
		if (this.settings.path() != null) {
			return Optional.of(this.settings.path()).filter(Files::isExecutable);
		}
		return onPath(System.getenv().getOrDefault("PATH", ""));
	}

	/**
	 * {@code ykman} in the first absolute entry of a {@code PATH} that holds it. A
	 * relative entry (or an empty one, the current folder) names whatever folder the
	 * portal was started in, which anyone who can write there could fill.
	 */
	static Optional<Path> onPath(String path) {
		for (String entry : path.split(File.pathSeparator)) {
			if (entry.isEmpty() || !Path.of(entry).isAbsolute()) {
				continue;
			}
			for (String name : new String[] { "ykman", "ykman.exe" }) {
				if (Files.isExecutable(Path.of(entry, name))) {
					return Optional.of(Path.of(entry, name));
				}
			}
		}
		return Optional.empty();
	}

	@Override
	public String code(String account) {
		Path ykman = executable().orElseThrow(() -> failure("form.yubikey.failure.missing"));
		List<String> command = new ArrayList<>(List.of(ykman.toString()));
		if (this.settings.device() != null) {
			command.addAll(List.of("--device", this.settings.device()));
		}
		// "--": an account name that starts with a dash is a name, not an option.
		command.addAll(List.of("oath", "accounts", "code", "--single", "--", account));
		BoundedProcess.Outcome outcome;
		try {
			outcome = BoundedProcess.run(command, this.settings.timeout());
		}
		catch (IOException ex) {
			throw failure("form.yubikey.failure.notStarted", ykman.toString(),
					firstLine(String.valueOf(ex.getMessage())));
		}
		return code(outcome, account);
	}

	private String code(BoundedProcess.Outcome outcome, String account) {
		if (outcome.timedOut()) {
			throw failure("form.yubikey.failure.timeout", String.valueOf(this.settings.timeout().toSeconds()));
		}
		String code = outcome.stdout().strip();
		if (outcome.exitStatus() == 0 && CODE.matcher(code).matches()) {
			return code;
		}
		String said = outcome.stderr();
		if (said.contains("No YubiKey detected") || said.contains("No YubiKey found")) {
			throw failure("form.yubikey.failure.noKey");
		}
		if (said.contains("Multiple YubiKeys")) {
			throw failure("form.yubikey.failure.severalKeys");
		}
		if (said.contains("No matching account")) {
			throw failure("form.yubikey.failure.noAccount", account);
		}
		if (said.contains("Multiple matches")) {
			throw failure("form.yubikey.failure.severalMatches", account);
		}
		if (said.contains("Touch account timed out")) {
			throw failure("form.yubikey.failure.touchTimeout");
		}
		// With its input closed, a key whose password is not remembered ends at the
		// prompt.
		if (said.contains("Authentication to the YubiKey failed") || said.contains("Enter the password")
				|| said.contains("Wrong password")) {
			throw failure("form.yubikey.failure.password");
		}
		if (outcome.exitStatus() == 0) {
			throw failure("form.yubikey.failure.noCode");
		}
		throw failure("form.yubikey.failure.other", String.valueOf(outcome.exitStatus()), firstLine(said));
	}

	/**
	 * ykman's first error line ({@code Error: ...}), else its first line: Debian's ykman
	 * warns about PC/SC before it says what went wrong.
	 */
	static String firstLine(String text) {
		List<String> lines = text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		String line = lines.stream()
			.filter((l) -> l.startsWith("Error"))
			.findFirst()
			.orElse(lines.isEmpty() ? "-" : lines.get(0));
		return (line.length() > LINE_MAX) ? line.substring(0, LINE_MAX) + "…" : line;
	}

	private static HardwareCodes.Failure failure(String messageKey, String... arguments) {
		return new HardwareCodes.Failure(messageKey, List.of(arguments));
	}

}
