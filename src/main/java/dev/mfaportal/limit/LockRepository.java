package dev.mfaportal.limit;

import java.time.Instant;
import java.util.List;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Devices locked per person.
 */
@Repository
class LockRepository {

	private final JdbcClient jdbc;

	LockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether this call locked it (false when it already was)
	 */
	boolean lock(String actor, String serial, Instant at) {
		return InsertOnce.insert(this.jdbc,
				"insert into mfa_device_lock (actor, serial_number, locked_at) select ?, ?, ? where not exists "
						+ "(select 1 from mfa_device_lock where actor = ? and serial_number = ?)",
				actor, serial, SqlTime.of(at), actor, serial);
	}

	boolean isLocked(String actor, String serial) {
		return this.jdbc.sql("select count(*) from mfa_device_lock where actor = ? and serial_number = ?")
			.params(actor, serial)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * @return whether there was a lock to lift
	 */
	boolean unlock(String actor, String serial) {
		return this.jdbc.sql("delete from mfa_device_lock where actor = ? and serial_number = ?")
			.params(actor, serial)
			.update() > 0;
	}

	List<LockedDevice> lockedFor(String actor) {
		return this.jdbc
			.sql("select serial_number, locked_at from mfa_device_lock where actor = ? order by locked_at desc")
			.param(actor)
			.query((row, i) -> new LockedDevice(row.getString("serial_number"), SqlTime.read(row, "locked_at")))
			.list();
	}

}
