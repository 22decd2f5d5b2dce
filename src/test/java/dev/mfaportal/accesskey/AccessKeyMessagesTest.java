package dev.mfaportal.accesskey;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code I18nPropertiesSyncTest} checks the keys that templates use; this checks the
 * {@code accesskey.} keys that this package's code uses (error codes and the messages after a
 * redirect), and the ones other features are meant to use for team mode.
 */
class AccessKeyMessagesTest {

	private static final Pattern KEY = Pattern.compile("\"(accesskey\\.[A-Za-z0-9.]*[A-Za-z0-9])\"");

	/** For the pages of other features: the no-keys page, the source list, the STS failure, the menu. */
	private static final Set<String> FOR_OTHER_FEATURES = Set.of("accesskey.noKeys", "accesskey.noKeys.link",
			"accesskey.source.option", "accesskey.failure.noCredentials", "accesskey.nav");

	@Test
	void messageKeysWhenUsedInTheAccessKeyCodeThenDefinedInBothLanguages() throws IOException {
		Set<String> used = new TreeSet<>(FOR_OTHER_FEATURES);
		try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/mfaportal/accesskey"))) {
			for (Path file : files.toList()) {
				Matcher key = KEY.matcher(Files.readString(file));
				while (key.find()) {
					used.add(key.group(1));
				}
			}
		}
		assertThat(used).contains("accesskey.accessKeyId.session", "accesskey.flash.reencrypted");
		for (String bundle : List.of("messages.properties", "messages_es.properties")) {
			Properties messages = new Properties();
			try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/messages", bundle),
					StandardCharsets.UTF_8)) {
				messages.load(reader);
			}
			assertThat(messages.stringPropertyNames()).as(bundle).containsAll(used);
		}
	}

}
