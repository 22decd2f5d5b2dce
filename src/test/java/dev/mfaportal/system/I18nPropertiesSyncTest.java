package dev.mfaportal.system;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.mfaportal.snippet.SnippetFormat;
import dev.mfaportal.sts.StsFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every user-facing string comes from the bundles, in English and in Spanish: a key
 * missing from either, a key used but never defined, a broken MessageFormat pattern, an
 * untranslated value or a hard-coded text in a template fails the build.
 */
class I18nPropertiesSyncTest {

	private static final Path MESSAGES = Path.of("src/main/resources/messages");

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Path SOURCES = Path.of("src/main/java");

	/**
	 * Values that are the same in both languages on purpose: names, and words Spanish
	 * borrows.
	 */
	private static final Set<String> SAME_IN_BOTH = Set.of("app.name", "language.en", "language.es",
			"snippet.fish.title", "snippet.powershell.title", "snippet.process.title", "sts.failure.said");

	private static Properties load(String file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	@Test
	void bundlesWhenComparedThenSpanishHasExactlyTheEnglishKeys() throws IOException {
		assertThat(load("messages_es.properties").stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
	}

	@Test
	void everyMessageWhenFormattedThenIsAValidPatternWithDoubledApostrophes() throws IOException {
		for (String file : List.of("messages.properties", "messages_es.properties")) {
			Properties bundle = load(file);
			for (String key : bundle.stringPropertyNames()) {
				String value = bundle.getProperty(key);
				assertThat(value.replace("''", "")).as(file + " " + key + ": write ' as ''").doesNotContain("'");
				assertThat(new MessageFormat(value).format(new Object[] { "a", "b", "c" })).as(file + " " + key)
					.isNotBlank();
			}
		}
	}

	@Test
	void spanishWhenComparedThenEveryValueIsTranslated() throws IOException {
		Properties english = load("messages.properties");
		Properties spanish = load("messages_es.properties");
		List<String> untranslated = new ArrayList<>();
		for (String key : english.stringPropertyNames()) {
			if (!SAME_IN_BOTH.contains(key) && english.getProperty(key).equals(spanish.getProperty(key))) {
				untranslated.add(key);
			}
		}
		assertThat(untranslated).isEmpty();
	}

	@Test
	void everyKeyWhenUsedThenDefined() throws IOException {
		Set<String> defined = load("messages.properties").stringPropertyNames();
		Set<String> used = new TreeSet<>();
		Pattern templateKey = Pattern.compile("#\\{([A-Za-z0-9.\\-]+)[}(]");
		Pattern codeKey = Pattern.compile(
				"\"((?:form|sts|security|error|limit|device|history|outcome|account|admin|login|accesskey)\\.[A-Za-z0-9.\\-]*[A-Za-z0-9])\"");
		for (Path file : files(TEMPLATES, ".html")) {
			collect(templateKey, Files.readString(file), used);
		}
		for (Path file : files(SOURCES, ".java")) {
			collect(codeKey, Files.readString(file), used);
		}
		for (SnippetFormat format : SnippetFormat.values()) {
			used.add("snippet." + format.id() + ".title");
			used.add("snippet." + format.id() + ".help");
		}
		for (StsFailure failure : StsFailure.values()) {
			used.add(failure.messageKey());
		}
		Stream.of(900, 3600, 14400, 28800, 43200, 129600).forEach((preset) -> used.add("duration.preset." + preset));
		Stream.of("environment", "credentials-file", "config-file", "profile")
			.forEach((place) -> used.add("noCredentials.place." + place));
		assertThat(defined).containsAll(used);
	}

	@Test
	void templatesWhenScannedThenNoTextOutsideMessageExpressions() throws IOException {
		// Text between tags must belong to an element whose th:text/th:errors replaces it
		// (the
		// text is then only a prototype), or be a code sample in <pre>.
		Pattern textAfterTag = Pattern.compile("<([a-zA-Z0-9]+)([^>]*)>([^<]*)");
		List<String> hardCoded = new ArrayList<>();
		for (Path file : files(TEMPLATES, ".html")) {
			String html = Files.readString(file).replaceAll("(?s)<!--.*?-->", "");
			Matcher matcher = textAfterTag.matcher(html);
			while (matcher.find()) {
				String tag = matcher.group(1);
				String attributes = matcher.group(2);
				String text = matcher.group(3).strip();
				boolean replaced = attributes.contains("th:text") || attributes.contains("th:utext")
						|| attributes.contains("th:errors") || attributes.contains("th:replace");
				if (!text.isEmpty() && text.matches("(?s).*\\p{L}.*") && !replaced && !tag.equals("pre")) {
					hardCoded.add(file.getFileName() + ": <" + tag + "> " + text);
				}
			}
		}
		assertThat(hardCoded).isEmpty();
	}

	private static void collect(Pattern pattern, String text, Set<String> into) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			into.add(matcher.group(1));
		}
	}

	private static List<Path> files(Path root, String suffix) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((p) -> p.toString().endsWith(suffix)).toList();
		}
	}

}
