package dev.mfaportal.policy;

import java.util.List;

import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import org.flywaydb.core.Flyway;

/** Two instances on one PostgreSQL, as a team runs them. */
class PolicyOnTwoInstancesPostgresTest extends PolicyOnTwoInstancesTests {

	static final String SCHEMA = "mfa_portal_h21a_policy_" + ProcessHandle.current().pid();

	@Override
	String databaseUrl() {
		Tools.require(PostgresDatabase.reachable(),
				"no PostgreSQL answers at 127.0.0.1:5432 (user postgres, database test)");
		String url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;
		Flyway.configure()
			.dataSource(url, PostgresDatabase.USER, "")
			.schemas(SCHEMA)
			.cleanDisabled(false)
			.load()
			.clean();
		PostgresDatabase.dropAtExit(SCHEMA);
		return url;
	}

	@Override
	List<String> databaseArguments() {
		return List.of("--spring.datasource.username=" + PostgresDatabase.USER, "--spring.datasource.password=",
				"--spring.flyway.schemas=" + SCHEMA, "--portal.team.require-postgresql=true");
	}

}
