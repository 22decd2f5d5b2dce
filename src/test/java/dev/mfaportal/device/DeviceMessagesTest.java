package dev.mfaportal.device;

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
 * {@code I18nPropertiesSyncTest} checks the keys that templates use and the {@code form.} keys
 * in code; this checks the {@code device.} keys that this package's code uses (error codes and
 * the messages after a redirect).
 */
class DeviceMessagesTest {

	private static final Pattern KEY = Pattern.compile("\"(device\\.[A-Za-z0-9.]*[A-Za-z0-9])\"");

	@Test
	void messageKeysWhenUsedInTheDeviceCodeThenDefinedInBothLanguages() throws IOException {
		Set<String> used = new TreeSet<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/mfaportal/device"))) {
			for (Path file : files.toList()) {
				Matcher key = KEY.matcher(Files.readString(file));
				while (key.find()) {
					used.add(key.group(1));
				}
			}
		}
		assertThat(used).contains("device.label.duplicate", "device.flash.added");
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
