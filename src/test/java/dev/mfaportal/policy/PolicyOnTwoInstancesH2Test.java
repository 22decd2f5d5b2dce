package dev.mfaportal.policy;

import java.util.List;

/** Two instances in one JVM on one in-memory H2 database. */
class PolicyOnTwoInstancesH2Test extends PolicyOnTwoInstancesTests {

	@Override
	String databaseUrl() {
		return "jdbc:h2:mem:h21a-policy-" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1";
	}

	@Override
	List<String> databaseArguments() {
		return List.of();
	}

}
