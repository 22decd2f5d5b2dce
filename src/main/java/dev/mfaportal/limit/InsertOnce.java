package dev.mfaportal.limit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An insert that one of several requests racing for the same key wins, on any instance:
 * {@code insert ... select ... where not exists (...)} rather than a caught duplicate,
 * which would abort a PostgreSQL transaction; the duplicate a concurrent insert can still
 * raise means "not inserted", like the {@code where not exists}.
 */
final class InsertOnce {

	private InsertOnce() {
	}

	/**
	 * @param sql an {@code insert ... select ... where not exists (...)}
	 * @return whether this call inserted the row
	 */
	static boolean insert(JdbcClient jdbc, String sql, Object... params) {
		try {
			return jdbc.sql(sql).params(params).update() == 1;
		}
		catch (DuplicateKeyException insertedConcurrently) {
			return false;
		}
	}

}
