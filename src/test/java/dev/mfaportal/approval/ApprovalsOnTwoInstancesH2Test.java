package dev.mfaportal.approval;

import java.util.List;

/**
 * Both instances on one in-memory H2 database, shared within this JVM as a server would
 * share it.
 */
class ApprovalsOnTwoInstancesH2Test extends ApprovalsOnTwoInstancesContract {

	@Override
	List<String> database() {
		return List.of("--spring.datasource.url=jdbc:h2:mem:h21b_approvals_" + ProcessHandle.current().pid()
				+ ";DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa", "--spring.datasource.password=");
	}

}
