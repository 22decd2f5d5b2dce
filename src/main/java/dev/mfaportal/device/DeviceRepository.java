package dev.mfaportal.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Saved devices, always per owner: no query reads or changes another owner's rows.
 */
@Repository
class DeviceRepository {

	private static final String COLUMNS = "id, owner, label, serial_number, duration_seconds, profile_name, source_id, "
			+ "created_at, last_used_at, role_arn, role_session_name, external_id, save_profile";

	private final JdbcClient jdbc;

	DeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The owner's devices by label, ignoring case. */
	List<Device> list(String owner) {
		return this.jdbc.sql("select " + COLUMNS + " from mfa_device where owner = ? order by lower(label), label, id")
			.param(owner)
			.query(DeviceRepository::device)
			.list();
	}

	Optional<Device> find(String owner, long id) {
		return this.jdbc.sql("select " + COLUMNS + " from mfa_device where owner = ? and id = ?")
			.params(owner, id)
			.query(DeviceRepository::device)
			.optional();
	}

	/**
	 * @param device the device to store; its id and last use are ignored
	 * @return its id
	 * @throws org.springframework.dao.DuplicateKeyException when the owner has a device
	 * with that exact label already
	 */
	long insert(Device device) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into mfa_device (owner, label, serial_number, duration_seconds, profile_name, source_id, "
					+ "created_at, role_arn, role_session_name, external_id, save_profile) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(device.owner(), device.label(), device.serialNumber(), device.durationSeconds(),
					device.profileName(), device.sourceId(), SqlTime.of(device.createdAt()), device.roleArn(),
					device.roleSessionName(), device.externalId(), device.saveProfile())
			.update(keys, "id");
		return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
	}

	/**
	 * Changes the label and defaults of the owner's device with {@code device.id()}.
	 * @return whether there was such a device
	 * @throws org.springframework.dao.DuplicateKeyException when the new label is another
	 * device's
	 */
	boolean update(Device device) {
		return this.jdbc
			.sql("update mfa_device set label = ?, serial_number = ?, duration_seconds = ?, profile_name = ?, "
					+ "source_id = ?, role_arn = ?, role_session_name = ?, external_id = ?, save_profile = ? "
					+ "where owner = ? and id = ?")
			.params(device.label(), device.serialNumber(), device.durationSeconds(), device.profileName(),
					device.sourceId(), device.roleArn(), device.roleSessionName(), device.externalId(),
					device.saveProfile(), device.owner(), device.id())
			.update() == 1;
	}

	/**
	 * @return whether there was such a device
	 */
	boolean delete(String owner, long id) {
		return this.jdbc.sql("delete from mfa_device where owner = ? and id = ?").params(owner, id).update() == 1;
	}

	/**
	 * @return how many of the owner's devices have that serial number
	 */
	int markUsed(String owner, String serialNumber, Instant at) {
		return this.jdbc.sql("update mfa_device set last_used_at = ? where owner = ? and serial_number = ?")
			.params(SqlTime.of(at), owner, serialNumber)
			.update();
	}

	/**
	 * Whether another of the owner's devices has this label, ignoring case: "Work" beside
	 * "work" would look like one device in the form's list. (The table's own constraint
	 * is exact.)
	 * @param excludingId the device being renamed, or {@code null}
	 */
	boolean labelTaken(String owner, String label, Long excludingId) {
		String sql = "select count(*) from mfa_device where owner = ? and lower(label) = lower(?)";
		List<Object> params = new ArrayList<>(List.of(owner, label));
		if (excludingId != null) {
			sql += " and id <> ?";
			params.add(excludingId);
		}
		return this.jdbc.sql(sql).params(params).query(Integer.class).single() > 0;
	}

	private static Device device(ResultSet row, int rowNum) throws SQLException {
		return new Device(row.getLong("id"), row.getString("owner"), row.getString("label"),
				row.getString("serial_number"), row.getInt("duration_seconds"), row.getString("profile_name"),
				row.getString("source_id"), SqlTime.read(row, "created_at"), SqlTime.read(row, "last_used_at"),
				row.getString("role_arn"), row.getString("role_session_name"), row.getString("external_id"),
				row.getBoolean("save_profile"));
	}

}
