package dev.mfaportal.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.system.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The members, in the database every instance shares.
 */
@Repository
class UserRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	UserRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	long count() {
		return this.jdbc.sql("select count(*) from portal_user").query(Long.class).single();
	}

	Optional<PortalUser> findByUsername(String username) {
		return this.jdbc.sql("select * from portal_user where username = ?")
			.param(username)
			.query(UserRepository::map)
			.optional();
	}

	Optional<PortalUser> findByEmail(String email) {
		return this.jdbc.sql("select * from portal_user where lower(email) = lower(?)")
			.param(email)
			.query(UserRepository::map)
			.optional();
	}

	Optional<PortalUser> findById(long id) {
		return this.jdbc.sql("select * from portal_user where id = ?").param(id).query(UserRepository::map).optional();
	}

	List<PortalUser> all() {
		return this.jdbc.sql("select * from portal_user order by lower(username)").query(UserRepository::map).list();
	}

	long insert(String username, String email, String passwordHash, boolean admin, boolean mustChangePassword,
			Instant at) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into portal_user (username, email, password_hash, admin, enabled, must_change_password, "
					+ "created_at, password_changed_at) values (?, ?, ?, ?, true, ?, ?, ?)")
			.params(username, email, passwordHash, admin, mustChangePassword, SqlTime.of(at), SqlTime.of(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	void setPassword(long id, String passwordHash, boolean mustChange, Instant at) {
		this.jdbc
			.sql("update portal_user set password_hash = ?, must_change_password = ?, password_changed_at = ?, "
					+ "one_time_password_spent_at = null, password_version = password_version + 1 where id = ?")
			.params(passwordHash, mustChange, SqlTime.of(at), id)
			.update();
	}

	/**
	 * Spends the member's one-time password, in one statement so that of two sign-ins
	 * with it at once (on any instance) only one gets it.
	 * @return whether it was unspent and made after {@code madeAfter}; false also when
	 * the member has no one-time password
	 */
	boolean spendOneTimePassword(long id, Instant madeAfter, Instant now) {
		return this.jdbc
			.sql("update portal_user set one_time_password_spent_at = ? where id = ? and must_change_password = true "
					+ "and one_time_password_spent_at is null and password_changed_at > ?")
			.params(SqlTime.of(now), id, SqlTime.of(madeAfter))
			.update() == 1;
	}

	/**
	 * Sets the password and gives its version, read in the same transaction: a reset by
	 * an admin at the same moment can't pass for this one.
	 */
	@Transactional
	long setPasswordAndReadVersion(long id, String passwordHash, boolean mustChange, Instant at) {
		setPassword(id, passwordHash, mustChange, at);
		return this.jdbc.sql("select password_version from portal_user where id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	void setEnabled(long id, boolean enabled) {
		this.jdbc.sql("update portal_user set enabled = ? where id = ?").params(enabled, id).update();
	}

	/**
	 * Disables a member, unless they are the last enabled admin. Every admin's row is
	 * locked first, always in the same order, so that two admins disabling each other at
	 * the same moment (on one instance or two) take turns, and the second one counts
	 * after the first is committed.
	 * @return false when refused because no other enabled admin would be left
	 */
	boolean disableUnlessLastAdmin(long id) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			this.jdbc.sql("select id from portal_user where admin = true order by id for update")
				.query(Long.class)
				.list();
			boolean enabledAdmin = this.jdbc
				.sql("select count(*) from portal_user where id = ? and admin = true and enabled = true")
				.param(id)
				.query(Integer.class)
				.single() > 0;
			if (enabledAdmin && this.jdbc
				.sql("select count(*) from portal_user where admin = true and enabled = true and id <> ?")
				.param(id)
				.query(Integer.class)
				.single() == 0) {
				return false;
			}
			setEnabled(id, false);
			return true;
		}));
	}

	/**
	 * Whether an enabled admin can sign in: one with a password of their own, or an
	 * unspent one-time password made after {@code madeAfter}.
	 */
	boolean anAdminCanSignIn(Instant madeAfter) {
		return this.jdbc.sql("select count(*) from portal_user where admin = true and enabled = true and "
				+ "(must_change_password = false or (one_time_password_spent_at is null and password_changed_at > ?))")
			.param(SqlTime.of(madeAfter))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Gives the member a new one-time password, unless its password changed since it was
	 * read ({@code version}): of two instances doing it at once, one does.
	 */
	boolean renewOneTimePassword(long id, long version, String passwordHash, Instant at) {
		return this.jdbc
			.sql("update portal_user set password_hash = ?, must_change_password = true, password_changed_at = ?, "
					+ "one_time_password_spent_at = null, password_version = password_version + 1 "
					+ "where id = ? and password_version = ?")
			.params(passwordHash, SqlTime.of(at), id, version)
			.update() == 1;
	}

	private static PortalUser map(ResultSet row, int number) throws SQLException {
		return new PortalUser(row.getLong("id"), row.getString("username"), row.getString("email"),
				row.getString("password_hash"), row.getBoolean("admin"), row.getBoolean("enabled"),
				row.getBoolean("must_change_password"), SqlTime.read(row, "created_at"),
				row.getLong("password_version"));
	}

}
