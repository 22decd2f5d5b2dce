package dev.mfaportal.limit;

import java.time.Instant;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fingerprints of codes already sent to STS. The primary key makes a claim atomic across
 * instances: of two requests with the same code, one insert wins.
 */
@Repository
class UsedCodeRepository {

	private final JdbcClient jdbc;

	UsedCodeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return true if the fingerprint was free (or only used before
	 * {@code expiredBefore}) and is now claimed
	 */
	boolean claim(String fingerprint, Instant at, Instant expiredBefore) {
		this.jdbc.sql("delete from used_mfa_code where used_at < ?").param(SqlTime.of(expiredBefore)).update();
		return InsertOnce.insert(this.jdbc,
				"insert into used_mfa_code (fingerprint, used_at) select ?, ? where not exists "
						+ "(select 1 from used_mfa_code where fingerprint = ?)",
				fingerprint, SqlTime.of(at), fingerprint);
	}

}
