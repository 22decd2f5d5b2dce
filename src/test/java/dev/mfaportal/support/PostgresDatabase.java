package dev.mfaportal.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The machine's PostgreSQL, as the development machines and CI run it.
 */
public final class PostgresDatabase {

	/**
	 * One schema per test JVM, so two builds on one machine (a developer's and CI's, or
	 * two branches) never clean each other's tables; dropped when the JVM exits.
	 */
	public static final String SCHEMA = "mfa_portal_test_" + ProcessHandle.current().pid();

	public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	/** The system property the annotations' property values read the schema from. */
	static final String SCHEMA_PROPERTY = "portal.test.postgres-schema";

	static {
		System.setProperty(SCHEMA_PROPERTY, SCHEMA);
	}

	public static final String USER = "postgres";

	private PostgresDatabase() {
	}

	/**
	 * Whether the tests can sign in to it, not merely whether something listens on the
	 * port.
	 */
	public static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
		}
		catch (IOException ex) {
			return false;
		}
		DriverManager.setLoginTimeout(5);
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", USER, "")) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** Drops a test schema when the JVM exits, whatever the tests did. */
	public static synchronized void dropAtExit(String schema) {
		if (!dropping.add(schema)) {
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", USER, "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
			catch (SQLException ex) {
				// Nothing to do at exit; the next run cleans its own schema anyway.
			}
		}));
	}

	private static final Set<String> dropping = new HashSet<>();

	/**
	 * Points a whole-application test at a schema of its own (committed rows from one
	 * test class must not show up in another's rolled-back repository tests).
	 * @param registry the test's dynamic properties
	 * @param purpose a short name for the schema
	 */
	public static void register(DynamicPropertyRegistry registry, String purpose) {
		String schema = "mfa_portal_" + purpose + "_" + ProcessHandle.current().pid();
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> schema);
		registry.add("spring.flyway.clean-disabled", () -> "false");
	}

	/** Skips (or in CI fails) before any Spring context tries to connect. */
	public static class Required implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			System.setProperty(SCHEMA_PROPERTY, SCHEMA);
			Tools.require(reachable(),
					"no PostgreSQL at 127.0.0.1:5432 lets user postgres into database test without a password");
		}

	}

	/**
	 * Every context starts from an empty schema, so a test never sees an earlier run's
	 * rows.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class CleanMigrate {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return (flyway) -> {
				flyway.clean();
				flyway.migrate();
				for (String schema : flyway.getConfiguration().getSchemas()) {
					dropAtExit(schema);
				}
			};
		}

	}

}
