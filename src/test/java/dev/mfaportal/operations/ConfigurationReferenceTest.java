package dev.mfaportal.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} cannot drift from what the portal reads: its
 * {@code portal.*} rows are exactly the generated metadata's properties, with the same
 * defaults, and every Spring property it names exists.
 */
class ConfigurationReferenceTest {

	/**
	 * A table row whose first cell is a property: {@code | `name` | default | meaning |}.
	 */
	private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9.*<>-]+)` \\| ([^|]*) \\|",
			Pattern.MULTILINE);

	private static final Pattern FIRST_CODE = Pattern.compile("`([^`]*)`");

	static ConfigurationMetadata metadata;

	static Map<String, String> documented = new LinkedHashMap<>();

	@BeforeAll
	static void read() throws Exception {
		metadata = ConfigurationMetadata.load();
		Matcher row = ROW.matcher(Files.readString(Path.of("docs/configuration.md")));
		while (row.find()) {
			documented.put(row.group(1).replaceAll("\\.<[a-z]+>$", ""), row.group(2).trim());
		}
	}

	@Test
	void referenceWhenComparedWithMetadataThenEveryPortalPropertyAndNoOther() {
		Map<String, String> portal = metadata.portalProperties();
		assertThat(portal).as("metadata").hasSizeGreaterThan(25);
		assertThat(documented.keySet().stream().filter((name) -> name.startsWith("portal.")))
			.as("portal.* rows in docs/configuration.md")
			.containsExactlyInAnyOrderElementsOf(portal.keySet());
	}

	@Test
	void referenceWhenMetadataHasADefaultThenTheSameOne() {
		metadata.portalProperties().forEach((name, expected) -> {
			if (!expected.isEmpty()) {
				Matcher code = FIRST_CODE.matcher(documented.getOrDefault(name, ""));
				assertThat(code.find()).as("a `default` for %s", name).isTrue();
				assertThat(code.group(1)).as("default of %s", name).isEqualTo(expected);
			}
		});
	}

	@Test
	void referenceWhenNamingSpringPropertiesThenTheyExist() {
		documented.keySet()
			.stream()
			.filter((name) -> !name.startsWith("portal."))
			.map((name) -> name.replaceAll("\\.\\*$", ""))
			.forEach((name) -> assertThat(metadata.knows(name)).as("%s is a Spring Boot property", name).isTrue());
	}

}
