package dev.mfaportal.operations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata on the class path: the portal's own (generated from its
 * {@code @ConfigurationProperties} records plus
 * {@code additional-spring-configuration-metadata.json}) and every Spring Boot module's,
 * so tests can tell a property the portal reads from a typo.
 */
final class ConfigurationMetadata {

	/** Property name to its default as the metadata spells it, or {@code null}. */
	private final Map<String, String> properties;

	/** Properties whose type is a map: their entries are named {@code property.key}. */
	private final Set<String> maps;

	private ConfigurationMetadata(Map<String, String> properties, Set<String> maps) {
		this.properties = properties;
		this.maps = maps;
	}

	static ConfigurationMetadata load() throws IOException {
		Map<String, String> properties = new LinkedHashMap<>();
		Set<String> maps = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					properties.put(property.path("name").asString(), text(property.get("defaultValue")));
					if (property.path("type").asString().startsWith("java.util.Map")) {
						maps.add(property.path("name").asString());
					}
				}
			}
		}
		return new ConfigurationMetadata(properties, maps);
	}

	Map<String, String> portalProperties() {
		return this.properties.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("portal."))
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> Objects.toString(entry.getValue(), ""), (a, b) -> a,
					LinkedHashMap::new));
	}

	/** Whether the name is a known property or an entry of a known map property. */
	boolean knows(String name) {
		return this.properties.containsKey(name)
				|| this.maps.stream().anyMatch((known) -> name.equals(known) || name.startsWith(known + "."));
	}

	/**
	 * The property an environment variable binds to (Spring Boot's relaxed binding: dots
	 * and dashes as underscores, or dashes dropped), or {@code null}.
	 */
	String propertyForEnvironmentVariable(String variable) {
		String wanted = variable.toUpperCase(Locale.ROOT);
		for (String known : this.properties.keySet()) {
			for (String form : List.of(known.replace('.', '_').replace("-", ""),
					known.replace('.', '_').replace('-', '_'))) {
				String upper = form.toUpperCase(Locale.ROOT);
				if (wanted.equals(upper) || (this.maps.contains(known) && wanted.startsWith(upper + "_"))) {
					return known;
				}
			}
		}
		return null;
	}

	/**
	 * A default as a person would write it: lists comma-joined, booleans and numbers as
	 * text.
	 */
	private static String text(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isArray()) {
			StringBuilder joined = new StringBuilder();
			for (JsonNode item : value) {
				joined.append((joined.length() > 0) ? "," : "").append(item.asString());
			}
			return joined.toString();
		}
		String text = value.asString();
		// a list default from a record component reaches the metadata as "[a, b]"
		return (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1).replace(", ", ",")
				: text;
	}

}
