package dev.mfaportal.account;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * With {@code portal.team.require-postgresql=true}, refuses to start on any other
 * database: a team of several instances needs one shared PostgreSQL, and an H2 file would
 * quietly split them.
 */
@Component
@Profile("team")
class TeamStartupCheck implements InitializingBean {

	private final DataSource dataSource;

	private final TeamSettings settings;

	TeamStartupCheck(DataSource dataSource, TeamSettings settings) {
		this.dataSource = dataSource;
		this.settings = settings;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		if (!this.settings.requirePostgresql()) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			if (!"PostgreSQL".equalsIgnoreCase(product)) {
				throw new TeamStartupException(
						"portal.team.require-postgresql is true, but the database is " + product + ".",
						"Point spring.datasource.url (SPRING_DATASOURCE_URL) at PostgreSQL, for example "
								+ "jdbc:postgresql://db:5432/mfaportal, with spring.datasource.username and password.");
			}
		}
	}

}
