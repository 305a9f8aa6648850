package io.orderflow.platform;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Numbers from database sequences, so that every node of a cluster draws distinct ones; hides the
 * one place where H2 and PostgreSQL spell SQL differently.
 */
public class Sequences {

	private final JdbcClient jdbc;

	private final boolean postgres;

	Sequences(JdbcClient jdbc, boolean postgres) {
		this.jdbc = jdbc;
		this.postgres = postgres;
	}

	/** The next value of {@code sequence} (a name from the migrations, never user input). */
	public long next(String sequence) {
		if (!sequence.matches("[a-z_]+")) {
			throw new IllegalArgumentException("Not a sequence name: " + sequence);
		}
		String sql = postgres ? "select nextval('" + sequence + "')" : "select next value for " + sequence;
		return jdbc.sql(sql).query(Long.class).single();
	}

}
