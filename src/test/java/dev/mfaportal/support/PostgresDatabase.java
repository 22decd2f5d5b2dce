package dev.mfaportal.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The machine's PostgreSQL, as the development machines and CI run it.
 */
public final class PostgresDatabase {

	public static final String SCHEMA = "mfa_portal_test";

	public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	public static final String USER = "postgres";

	private PostgresDatabase() {
	}

	public static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Skips (or in CI fails) before any Spring context tries to connect. */
	static class Required implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			Tools.require(reachable(), "no PostgreSQL answers at 127.0.0.1:5432 (user postgres, database test)");
		}

	}

	/** Every context starts from an empty schema, so a test never sees an earlier run's rows. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CleanMigrate {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return (flyway) -> {
				flyway.clean();
				flyway.migrate();
			};
		}

	}

}
