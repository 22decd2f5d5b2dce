package dev.mfaportal.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queries of a table whose rows each belong to an owner and carry a label unique per
 * owner (stored access keys, saved devices): each one names the owner, so no query a
 * member's request reaches reads or changes another owner's rows. The table's own
 * constraint on {@code (owner, label)} is exact; {@link #labelTaken} ignores case.
 *
 * @param <T> a row
 */
public abstract class PerOwnerRepository<T> {

	protected final JdbcClient jdbc;

	private final String table;

	private final String columns;

	private final RowMapper<T> row;

	/**
	 * @param table the table, with the columns {@code id}, {@code owner} and
	 * {@code label}
	 * @param columns what {@link #list} and {@link #find} select for {@code row}
	 */
	protected PerOwnerRepository(JdbcClient jdbc, String table, String columns, RowMapper<T> row) {
		this.jdbc = jdbc;
		this.table = table;
		this.columns = columns;
		this.row = row;
	}

	/** The owner's rows by label, ignoring case. */
	public List<T> list(String owner) {
		return this.jdbc
			.sql("select " + this.columns + " from " + this.table + " where owner = ? order by lower(label), label, id")
			.param(owner)
			.query(this.row)
			.list();
	}

	public Optional<T> find(String owner, long id) {
		return this.jdbc.sql("select " + this.columns + " from " + this.table + " where owner = ? and id = ?")
			.params(owner, id)
			.query(this.row)
			.optional();
	}

	/**
	 * @return whether the owner had such a row
	 */
	public boolean delete(String owner, long id) {
		return this.jdbc.sql("delete from " + this.table + " where owner = ? and id = ?")
			.params(owner, id)
			.update() == 1;
	}

	/**
	 * Whether another of the owner's rows has this label, ignoring case: "Work" beside
	 * "work" would look like one in the form's list.
	 * @param excludingId the row being renamed, or {@code null}
	 */
	public boolean labelTaken(String owner, String label, Long excludingId) {
		String sql = "select count(*) from " + this.table + " where owner = ? and lower(label) = lower(?)";
		List<Object> params = new ArrayList<>(List.of(owner, label));
		if (excludingId != null) {
			sql += " and id <> ?";
			params.add(excludingId);
		}
		return this.jdbc.sql(sql).params(params).query(Integer.class).single() > 0;
	}

}
