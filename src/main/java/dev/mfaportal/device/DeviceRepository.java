package dev.mfaportal.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

import dev.mfaportal.system.PerOwnerRepository;
import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Saved devices, always per owner: no query reads or changes another owner's rows
 * ({@link PerOwnerRepository}).
 */
@Repository
class DeviceRepository extends PerOwnerRepository<Device> {

	private static final String COLUMNS = "id, owner, label, serial_number, duration_seconds, profile_name, source_id, "
			+ "created_at, last_used_at, role_arn, role_session_name, external_id, save_profile, ykman_account";

	DeviceRepository(JdbcClient jdbc) {
		super(jdbc, "mfa_device", COLUMNS, DeviceRepository::device);
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
					+ "created_at, role_arn, role_session_name, external_id, save_profile, ykman_account) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(device.owner(), device.label(), device.serialNumber(), device.durationSeconds(),
					device.profileName(), device.sourceId(), SqlTime.of(device.createdAt()), device.roleArn(),
					device.roleSessionName(), device.externalId(), device.saveProfile(), device.ykmanAccount())
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
					+ "source_id = ?, role_arn = ?, role_session_name = ?, external_id = ?, save_profile = ?, "
					+ "ykman_account = ? where owner = ? and id = ?")
			.params(device.label(), device.serialNumber(), device.durationSeconds(), device.profileName(),
					device.sourceId(), device.roleArn(), device.roleSessionName(), device.externalId(),
					device.saveProfile(), device.ykmanAccount(), device.owner(), device.id())
			.update() == 1;
	}

	/**
	 * @return how many of the owner's devices have that serial number
	 */
	int markUsed(String owner, String serialNumber, Instant at) {
		return this.jdbc.sql("update mfa_device set last_used_at = ? where owner = ? and serial_number = ?")
			.params(SqlTime.of(at), owner, serialNumber)
			.update();
	}

	private static Device device(ResultSet row, int rowNum) throws SQLException {
		return new Device(row.getLong("id"), row.getString("owner"), row.getString("label"),
				row.getString("serial_number"), row.getInt("duration_seconds"), row.getString("profile_name"),
				row.getString("source_id"), SqlTime.read(row, "created_at"), SqlTime.read(row, "last_used_at"),
				row.getString("role_arn"), row.getString("role_session_name"), row.getString("external_id"),
				row.getBoolean("save_profile"), row.getString("ykman_account"));
	}

}
