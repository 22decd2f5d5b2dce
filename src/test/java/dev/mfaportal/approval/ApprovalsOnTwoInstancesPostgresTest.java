package dev.mfaportal.approval;

import java.util.List;

import dev.mfaportal.support.PostgresDatabase;
import dev.mfaportal.support.Tools;
import org.flywaydb.core.Flyway;

/** Both instances on one PostgreSQL, in a schema of their own. */
class ApprovalsOnTwoInstancesPostgresTest extends ApprovalsOnTwoInstancesContract {

	static final String SCHEMA = "mfa_portal_h21b_approvals_" + ProcessHandle.current().pid();

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	@Override
	void prepareDatabase() {
		Tools.require(PostgresDatabase.reachable(),
				"no PostgreSQL answers at 127.0.0.1:5432 (user postgres, database test)");
		Flyway.configure()
			.dataSource(URL, PostgresDatabase.USER, "")
			.schemas(SCHEMA)
			.cleanDisabled(false)
			.load()
			.clean();
		PostgresDatabase.dropAtExit(SCHEMA);
	}

	@Override
	List<String> database() {
		return List.of("--spring.datasource.url=" + URL, "--spring.datasource.username=" + PostgresDatabase.USER,
				"--spring.datasource.password=", "--spring.flyway.schemas=" + SCHEMA,
				"--portal.team.require-postgresql=true");
	}

}
