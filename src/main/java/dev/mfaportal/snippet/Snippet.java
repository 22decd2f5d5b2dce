package dev.mfaportal.snippet;

/**
 * One rendered snippet: its format, its exact text (with the line endings of its
 * platform) and the name a download of it gets.
 */
public record Snippet(SnippetFormat format, String content, String fileName) {

	public String id() {
		return this.format.id();
	}

	public boolean crlf() {
		return this.format.crlf();
	}

	/** The content as an HTML page shows it: HTML parsers turn CRLF into LF anyway. */
	public String displayText() {
		return this.content.replace("\r\n", "\n");
	}

	@Override
	public String toString() {
		return "Snippet[" + this.format.id() + ", " + this.fileName + "]";
	}

}
