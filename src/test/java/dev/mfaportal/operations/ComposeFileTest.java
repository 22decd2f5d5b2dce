package dev.mfaportal.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No container engine runs on the development machines, so {@code docker/compose.yaml} is
 * proven by reading it: every variable it gives a portal is one the portal reads, and
 * every secret comes from the env file that git ignores, whose committed example names
 * exactly what compose uses.
 */
class ComposeFileTest {

	/** Variables a portal container may have that are not Spring properties. */
	private static final Set<String> NOT_PROPERTIES = Set.of("JAVA_OPTS");

	/** Secrets, by the variable the portal or PostgreSQL reads them from. */
	private static final Set<String> SECRETS = Set.of("SPRING_DATASOURCE_PASSWORD", "PORTAL_ENCRYPTION_KEY",
			"PORTAL_TEAM_ADMIN_PASSWORD", "POSTGRES_PASSWORD");

	private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

	static Map<String, Object> services;

	static String compose;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void read() throws Exception {
		compose = Files.readString(Path.of("docker/compose.yaml"));
		Map<String, Object> file = new Yaml().load(compose);
		services = (Map<String, Object>) file.get("services");
	}

	@Test
	void portalServicesWhenReadThenEveryVariableIsAPropertyThePortalReads() throws Exception {
		ConfigurationMetadata metadata = ConfigurationMetadata.load();
		List<String> portals = services.keySet().stream().filter((name) -> name.startsWith("portal")).toList();
		assertThat(portals).contains("portal", "portal-2");
		for (String portal : portals) {
			Map<String, Object> environment = environment(portal);
			assertThat(environment).as(portal)
				.containsKeys("SPRING_PROFILES_ACTIVE", "PORTAL_ENCRYPTION_KEY", "SPRING_DATASOURCE_URL",
						"SPRING_DATASOURCE_PASSWORD");
			for (String variable : environment.keySet()) {
				if (!NOT_PROPERTIES.contains(variable)) {
					assertThat(metadata.propertyForEnvironmentVariable(variable))
						.as("%s in %s binds to a property the portal reads", variable, portal)
						.isNotNull();
				}
			}
		}
	}

	@Test
	void secretsWhenSetThenOnlyFromTheIgnoredEnvFile() throws Exception {
		Set<String> example = exampleVariables();
		for (String service : services.keySet()) {
			Map<String, Object> environment = environment(service);
			for (String secret : SECRETS) {
				if (environment.containsKey(secret)) {
					Matcher from = INTERPOLATION.matcher(String.valueOf(environment.get(secret)));
					assertThat(from.matches()).as("%s of %s is ${VARIABLE}, not a value", secret, service).isTrue();
					assertThat(example).as("docker/portal.env.example names %s", from.group(1)).contains(from.group(1));
				}
			}
			assertThat(services.get(service).toString()).as(service).doesNotContain("env_file");
		}
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains("docker/portal.env");
		assertThat(Files.exists(Path.of("docker/portal.env.example"))).isTrue();
	}

	@Test
	void envFileExampleWhenComparedWithComposeThenSameVariablesAndNoValuesForSecrets() throws Exception {
		Set<String> interpolated = new LinkedHashSet<>();
		Matcher variable = INTERPOLATION.matcher(compose);
		while (variable.find()) {
			interpolated.add(variable.group(1));
		}
		assertThat(exampleVariables()).containsExactlyInAnyOrderElementsOf(interpolated);
		for (String line : Files.readAllLines(Path.of("docker/portal.env.example"))) {
			if (line.startsWith("PORTAL_ENCRYPTION_KEY=") || line.startsWith("DB_PASSWORD=")
					|| line.startsWith("PORTAL_TEAM_ADMIN_PASSWORD=")) {
				assertThat(line).as("an example holds no secret").endsWith("=");
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void forwardedHeadersWhenReadThenEveryPortalTrustsTheProxyOfItsProfileAndNoOtherAddress() {
		Map<String, Object> proxyNetworks = (Map<String, Object>) ((Map<String, Object>) services.get("proxy"))
			.get("networks");
		assertThat(proxyNetworks).as("the proxy has a fixed address").isNotNull();
		String proxy = String.valueOf(((Map<String, Object>) proxyNetworks.get("default")).get("ipv4_address"));
		Map<String, Object> ipam = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) new Yaml()
			.<Map<String, Object>>load(compose)
			.get("networks")).get("default")).get("ipam");
		Map<String, Object> subnet = ((List<Map<String, Object>>) ipam.get("config")).get(0);
		assertThat(proxy).as("the proxy's address is outside the range other containers get theirs from")
			.startsWith("172.29.53.")
			.satisfies((address) -> assertThat(Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)))
				.isLessThan(128));
		assertThat(subnet).containsEntry("subnet", "172.29.53.0/24").containsEntry("ip_range", "172.29.53.128/25");
		for (String portal : List.of("portal", "portal-2")) {
			Pattern trusted = Pattern
				.compile(String.valueOf(environment(portal).get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES")));
			assertThat(trusted.matcher(proxy).matches()).as("%s trusts the proxy", portal).isTrue();
			for (String other : List.of("172.29.53.1", "172.29.53.100", "172.29.53.130", "172.29.53.10x",
					"172x29x53x10", "127.0.0.1", "10.0.0.1", "192.168.1.10", "172.17.0.1")) {
				assertThat(trusted.matcher(other).matches()).as("%s trusts %s", portal, other).isFalse();
			}
		}
	}

	@Test
	void startupOrderWhenReadThenPortalsWaitForAHealthyDatabaseAndKeepTheirData() {
		assertThat(services.get("db").toString()).contains("healthcheck")
			.contains("portal-db:/var/lib/postgresql/data");
		for (String portal : List.of("portal", "portal-2", "proxy")) {
			assertThat(services.get(portal).toString()).as(portal).contains("condition=service_healthy");
		}
		assertThat(services.get("portal-2").toString()).contains("profiles=[several]");
	}

	@Test
	void composeWhenCheckedByDockerComposeThenValidAndRefusesToStartWithoutTheSecrets(@TempDir Path work)
			throws Exception {
		Tools.require(Tools.onPath("docker-compose").isPresent(),
				"no docker-compose (Debian: apt-get install docker-compose)");
		Path filled = work.resolve("portal.env");
		Files.writeString(filled,
				Files.readString(Path.of("docker/portal.env.example"))
					.replace("PORTAL_ENCRYPTION_KEY=\n", "PORTAL_ENCRYPTION_KEY=" + "A".repeat(43) + "=\n")
					.replace("DB_PASSWORD=\n", "DB_PASSWORD=compose-test-password\n"));
		String config = dockerCompose(filled, 0);
		assertThat(config).contains("SPRING_DATASOURCE_PASSWORD: compose-test-password")
			.contains("POSTGRES_PASSWORD: compose-test-password")
			.contains("condition: service_healthy");
		assertThat(dockerCompose(Path.of("docker/portal.env.example"), 1))
			.contains("set DB_PASSWORD in docker/portal.env");
	}

	/**
	 * {@code docker-compose config}, which validates and interpolates without an engine.
	 */
	private static String dockerCompose(Path envFile, int expectedExit) throws Exception {
		Process compose = new ProcessBuilder("docker-compose", "-f", "docker/compose.yaml", "--env-file",
				envFile.toString(), "--profile", "several", "config")
			.redirectErrorStream(true)
			.start();
		String output = new String(compose.getInputStream().readAllBytes());
		assertThat(compose.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(compose.exitValue()).as(output).isEqualTo(expectedExit);
		return output;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(String service) {
		Object environment = ((Map<String, Object>) services.get(service)).get("environment");
		return (environment != null) ? (Map<String, Object>) environment : Map.of();
	}

	private static Set<String> exampleVariables() throws Exception {
		Set<String> names = new LinkedHashSet<>();
		for (String line : Files.readAllLines(Path.of("docker/portal.env.example"))) {
			if (line.matches("[A-Z0-9_]+=.*")) {
				names.add(line.substring(0, line.indexOf('=')));
			}
		}
		return names;
	}

}
