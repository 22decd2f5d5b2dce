package dev.mfaportal.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode's history survives a crash: the portal's own H2 file, as a person runs it
 * (the packaged configuration), holds every row whose page was answered, even when the
 * JVM is killed with SIGKILL right after the last answer. H2 otherwise keeps commits in
 * memory for up to half a second, and a crash would take the newest rows (and their
 * events) with it.
 */
class HistoryAfterKillIntegrationTest {

	/** Keys the form offers; the refused forms never reach an STS with them. */
	static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "AKIAKILLHISTORY00001", "AWS_SECRET_ACCESS_KEY",
			"killHistorySecret/0000000000000000000000000", "AWS_REGION", "us-east-1");

	@TempDir
	Path home;

	@Test
	void historyWhenThePortalIsKilledRightAfterAnsweringThenEveryAnsweredRowIsInItsFile() throws Exception {
		int answered = 0;
		// closed, and killed if need be, whatever fails: no portal outlives the test
		try (PortalProcess portal = PortalProcess.launch(this.home, "portal", List.of(), KEYS, List.of())) {
			PortalClient browser = portal.awaitStarted().browser();
			for (int i = 0; i < 5; i++) {
				// refused for its shape: a history row, and no call to any STS
				int status = browser
					.post("/session-token",
							Map.of("source", "environment", "serialNumber", "arn:aws:iam::123456789012:mfa/kill",
									"tokenCode", "abc" + i, "durationSeconds", "900", "profileName", "mfa"),
							true)
					.statusCode();
				assertThat(status).isEqualTo(400);
				answered++;
			}
			portal.kill();
		}

		try (Connection database = DriverManager
			.getConnection("jdbc:h2:file:" + this.home.resolve(".mfa-portal").resolve("portal"), "sa", "");
				ResultSet rows = database.createStatement()
					.executeQuery("select count(*) from audit_event where outcome = 'REJECTED_INPUT'")) {
			rows.next();
			assertThat(rows.getInt(1)).as("rows of answered pages after kill -9").isEqualTo(answered);
		}
	}

}
