package dev.mfaportal.support;

import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every storage contract (the same tests on H2 and on PostgreSQL) starts from: two
 * members, Alice's MFA device and hardware token, a fixed time, and the database.
 */
public abstract class StorageContract {

	protected static final String ALICE = "alice";

	protected static final String BOB = "bob";

	protected static final String ALICE_MFA = "arn:aws:iam::123456789012:mfa/alice";

	protected static final String HARDWARE = "GAHT12345678";

	protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	@Autowired
	protected JdbcClient jdbc;

}
