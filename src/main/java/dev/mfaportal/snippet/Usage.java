package dev.mfaportal.snippet;

import java.util.List;

/**
 * The "try it" commands for a saved or pasted profile, in one shell's quoting.
 *
 * @param shell the shell's snippet format
 * @param lines the commands
 */
public record Usage(SnippetFormat shell, List<String> lines) {

	/** The shells the page offers, whose "try it" lines it shows. */
	public static final List<SnippetFormat> SHELLS = List.of(SnippetFormat.ENV, SnippetFormat.FISH,
			SnippetFormat.POWERSHELL, SnippetFormat.WINDOWS_CMD);

	public Usage {
		lines = List.copyOf(lines);
	}

	public String id() {
		return this.shell.id();
	}

	/** The lines as the page shows them. */
	public String text() {
		return String.join("\n", this.lines);
	}

}
