package dev.mfaportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is the front door and docs/ holds the rest: every relative link in them (a
 * page, a picture, a file of the repository, a heading of a page) leads somewhere, and
 * the README stays short enough to read before starting.
 */
class DocumentationLinksTest {

	static final int README_MOST_LINES = 250;

	/** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

	@Test
	void readmeAndDocsWhenReadThenEveryRelativeLinkFindsItsFileAndHeading() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}

		assertThat(pages).hasSizeGreaterThan(5);
		assertThat(brokenLinks(pages)).isEmpty();
	}

	@Test
	void readmeWhenCountedThenAtMost250Lines() throws IOException {
		assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(README_MOST_LINES);
	}

	@Test
	void brokenLinksWhenAFileOrAHeadingIsMissingThenEachIsNamedAndCodeIsNotALink(@TempDir Path folder)
			throws IOException {
		Files.writeString(folder.resolve("other.md"), "# Other page\n\n## Set up a terminal\n\n## Set up a terminal\n");
		Files.createDirectories(folder.resolve("img"));
		Files.writeString(folder.resolve("img/shot.png"), "png");
		Path page = Files.writeString(folder.resolve("page.md"),
				String.join("\n", "# Page", "",
						"[fine](other.md#set-up-a-terminal) [second](other.md#set-up-a-terminal-1) [own](#page)",
						"![fine](img/shot.png) [web](https://example.com/missing.md#nowhere)",
						"[gone](missing.md) [no heading](other.md#not-there) [no own](#nothing) ![gone](img/none.png)",
						"`[in code](nowhere.md)`", "```", "[in a block](nowhere.md)", "```", ""));

		assertThat(brokenLinks(List.of(page))).containsExactly(page + ": missing.md", page + ": other.md#not-there",
				page + ": #nothing", page + ": img/none.png");
	}

	/** Each broken link as {@code page: target}. */
	static List<String> brokenLinks(List<Path> pages) throws IOException {
		Map<Path, Set<String>> anchors = new HashMap<>();
		List<String> broken = new ArrayList<>();
		for (Path page : pages) {
			Matcher link = LINK.matcher(withoutCode(Files.readString(page)));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(page + ": " + target);
				}
				else if (hash >= 0 && !anchors.computeIfAbsent(resolved, DocumentationLinksTest::anchors)
					.contains(target.substring(hash + 1))) {
					broken.add(page + ": " + target);
				}
			}
		}
		return broken;
	}

	/** The anchors GitHub makes of a page's headings, and any {@code <a id>}. */
	static Set<String> anchors(Path page) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		String text;
		try {
			text = Files.readString(page);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		for (String line : withoutFencedBlocks(text).split("\n")) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
			Matcher html = HTML_ANCHOR.matcher(line);
			while (html.find()) {
				anchors.add(html.group(1));
			}
		}
		return anchors;
	}

	/** GitHub's rule: lower case, punctuation dropped, each space a hyphen. */
	static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
	}

	private static String withoutCode(String markdown) {
		return withoutFencedBlocks(markdown).replaceAll("`[^`\n]*`", "");
	}

	private static String withoutFencedBlocks(String markdown) {
		return markdown.replaceAll("(?ms)^\\s*```.*?^\\s*```[^\n]*$", "");
	}

}
