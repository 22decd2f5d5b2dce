package dev.mfaportal.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mfaportal.snippet.Snippets;

/**
 * The text of a credentials file as lines that keep their own endings, so that a change
 * to one section leaves every other byte as it was: other sections, comments, blank
 * lines, order and CRLF or LF.
 */
final class CredentialsFileText {

	/** The comment line the portal writes above a section it wrote (the snippet's). */
	static final String EXPIRY_COMMENT = Snippets.CREDENTIALS_FILE_COMMENT;

	private final List<String> lines;

	private CredentialsFileText(List<String> lines) {
		this.lines = lines;
	}

	/**
	 * Splits after each {@code \n}, and after a {@code \r} that no {@code \n} follows
	 * (old Mac line ends, which the AWS CLI reads as line ends too); a last line without
	 * one stays as it is.
	 */
	static CredentialsFileText parse(String text) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
				lines.add(text.substring(start, i + 1));
				start = i + 1;
			}
		}
		if (start < text.length()) {
			lines.add(text.substring(start));
		}
		return new CredentialsFileText(lines);
	}

	String text() {
		return String.join("", this.lines);
	}

	/** The file's own line ending: that of its first line, else LF. */
	String lineEnding() {
		if (this.lines.isEmpty()) {
			return "\n";
		}
		String first = this.lines.get(0);
		return first.endsWith("\r\n") ? "\r\n" : first.endsWith("\r") ? "\r" : "\n";
	}

	/**
	 * The section's {@code key = value} pairs (keys lowercased), empty when there is no
	 * such section.
	 */
	Optional<Map<String, String>> properties(String section) {
		List<Copy> copies = copies(section);
		if (copies.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> properties = new LinkedHashMap<>();
		copies.forEach((copy) -> copy.properties().forEach(properties::putIfAbsent));
		return Optional.of(properties);
	}

	/**
	 * Each copy of the section, in file order: a file may hold a name twice, and what one
	 * copy holds must not be judged by another's.
	 */
	List<Copy> copies(String section) {
		List<Copy> copies = new ArrayList<>();
		for (int[] span : spans(section)) {
			boolean portals = this.lines.get(span[0]).startsWith(EXPIRY_COMMENT);
			Map<String, String> properties = new LinkedHashMap<>();
			for (int i = span[0] + (portals ? 2 : 1); i < span[1]; i++) {
				String line = this.lines.get(i).strip();
				if (line.isEmpty() || isComment(line)) {
					continue;
				}
				int delimiter = delimiter(line);
				// A line with no key is kept under its own text, so that a section
				// holding
				// anything but the keys the portal writes is never taken for its own.
				properties.putIfAbsent(
						(delimiter > 0) ? line.substring(0, delimiter).strip().toLowerCase(Locale.ROOT) : line,
						(delimiter > 0) ? line.substring(delimiter + 1).strip() : "");
			}
			copies.add(new Copy(properties, portals));
		}
		return copies;
	}

	/**
	 * The file with the section replaced by the block (every copy of it, the first where
	 * it stood), or with the block appended when there was none.
	 * @param block the whole section, its lines ending in {@code \n}
	 */
	CredentialsFileText put(String section, String block) {
		String ending = lineEnding();
		String converted = block.replace("\n", ending);
		List<int[]> spans = spans(section);
		List<String> result = new ArrayList<>(this.lines);
		if (spans.isEmpty()) {
			if (!result.isEmpty()) {
				int last = result.size() - 1;
				if (!endsALine(result.get(last))) {
					result.set(last, result.get(last) + ending);
				}
				if (!result.get(last).isBlank()) {
					result.add(ending);
				}
			}
			result.add(converted);
			return new CredentialsFileText(result);
		}
		for (int s = spans.size() - 1; s >= 0; s--) {
			int[] span = spans.get(s);
			// an unterminated last line goes too: the block brings its own ending
			result.subList(span[0], span[1]).clear();
			if (s == 0) {
				result.add(span[0], converted);
			}
		}
		return new CredentialsFileText(result);
	}

	/**
	 * The file without the section (nor the portal's comment above it, nor the blank line
	 * an append put before it at the end).
	 */
	CredentialsFileText remove(String section) {
		List<int[]> spans = spans(section);
		List<String> result = new ArrayList<>(this.lines);
		for (int s = spans.size() - 1; s >= 0; s--) {
			int[] span = spans.get(s);
			boolean atEnd = span[1] == result.size();
			result.subList(span[0], span[1]).clear();
			if (atEnd && span[0] > 0 && result.get(span[0] - 1).isBlank()) {
				result.remove(span[0] - 1);
			}
		}
		return new CredentialsFileText(result);
	}

	/**
	 * The file without these properties in the section (every copy of it); other lines of
	 * the section stay as they were.
	 * @param keys lowercased property names
	 */
	CredentialsFileText withoutProperties(String section, java.util.Set<String> keys) {
		List<String> result = new ArrayList<>(this.lines);
		List<int[]> spans = spans(section);
		for (int s = spans.size() - 1; s >= 0; s--) {
			int[] span = spans.get(s);
			for (int i = span[1] - 1; i > span[0]; i--) {
				String line = result.get(i).strip();
				int delimiter = delimiter(line);
				if (delimiter > 0 && !isComment(line)
						&& keys.contains(line.substring(0, delimiter).strip().toLowerCase(Locale.ROOT))) {
					result.remove(i);
				}
			}
		}
		return new CredentialsFileText(result);
	}

	/**
	 * The file with these lines right below the section's first header, or with a new
	 * section holding them appended when there is none.
	 * @param properties lines ending in {@code \n}
	 */
	CredentialsFileText withProperties(String section, String properties) {
		List<int[]> spans = spans(section);
		if (spans.isEmpty()) {
			return put(section, "[" + section + "]\n" + properties);
		}
		List<String> result = new ArrayList<>(this.lines);
		int header = spans.get(0)[0];
		while (!section.equals(header(result.get(header)))) {
			header++;
		}
		String ending = lineEnding();
		if (!endsALine(result.get(header))) {
			result.set(header, result.get(header) + ending);
		}
		result.add(header + 1, properties.replace("\n", ending));
		return new CredentialsFileText(result);
	}

	/** How many lines of the section (every copy of it) set this key. */
	int count(String section, String key) {
		int count = 0;
		for (int[] span : spans(section)) {
			for (int i = span[0]; i < span[1]; i++) {
				String line = this.lines.get(i).strip();
				int delimiter = delimiter(line);
				if (delimiter > 0 && !isComment(line)
						&& key.equals(line.substring(0, delimiter).strip().toLowerCase(Locale.ROOT))) {
					count++;
				}
			}
		}
		return count;
	}

	/**
	 * Where the key ends: at the first {@code =} or {@code :}, the two delimiters of the
	 * AWS CLI's parser; -1 when there is neither.
	 */
	static int delimiter(String line) {
		int equals = line.indexOf('=');
		int colon = line.indexOf(':');
		if (equals < 0) {
			return colon;
		}
		return (colon < 0) ? equals : Math.min(equals, colon);
	}

	/**
	 * Where each copy of the section lies, {@code [first, end)}: from the portal's
	 * comment above its header (if there) to its last line that is not blank or a
	 * comment, so comments and blank lines before the next section stay.
	 */
	private List<int[]> spans(String section) {
		List<int[]> spans = new ArrayList<>();
		for (int i = 0; i < this.lines.size(); i++) {
			if (!section.equals(header(this.lines.get(i)))) {
				continue;
			}
			int first = (i > 0 && this.lines.get(i - 1).startsWith(EXPIRY_COMMENT)) ? i - 1 : i;
			int last = i;
			int j = i + 1;
			for (; j < this.lines.size() && header(this.lines.get(j)) == null; j++) {
				String line = this.lines.get(j).strip();
				if (!line.isEmpty() && !isComment(line)) {
					last = j;
				}
			}
			spans.add(new int[] { first, last + 1 });
			i = last;
		}
		return spans;
	}

	/** The section a line opens, trimmed as the SDKs and the CLI read it, or null. */
	static String header(String line) {
		String stripped = line.strip();
		if (!stripped.startsWith("[")) {
			return null;
		}
		int close = stripped.indexOf(']');
		return (close > 1) ? stripped.substring(1, close).strip() : null;
	}

	private static boolean endsALine(String line) {
		return line.endsWith("\n") || line.endsWith("\r");
	}

	private static boolean isComment(String stripped) {
		return stripped.startsWith("#") || stripped.startsWith(";");
	}

	/**
	 * One copy of a section.
	 *
	 * @param properties its {@code key = value} pairs, keys lowercased
	 * @param portals whether the portal's expiry comment stands above it
	 */
	record Copy(Map<String, String> properties, boolean portals) {

	}

}
