package dev.mfaportal.system;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.CuttableDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team mode keeps its sessions in the database too: while it is away a signed-in member
 * gets the same 503 page (not a bare server error) from every page, and the same session
 * works again once it is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500", "portal.team.admin-password=outage-admin-0001",
				"server.address=127.0.0.1", "portal.encryption.key=BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=" })
@ActiveProfiles("team")
class TeamDatabaseOutageIntegrationTest {

	@RegisterExtension
	static final CuttableDatabase database = CuttableDatabase.start("team-outage");

	@LocalServerPort
	int port;

	@Test
	void databaseWhenGoneThenSignedInMemberGets503PagesAndTheSessionSurvives() throws Exception {
		PortalClient admin = new PortalClient(this.port);
		admin.login("admin", "outage-admin-0001");
		assertThat(admin.get("/history").statusCode()).isEqualTo(200);

		database.cut();
		for (String page : List.of("/history", "/devices", "/keys", "/login")) {
			HttpResponse<String> answer = admin.get(page);
			assertThat(answer.statusCode()).as(page).isEqualTo(503);
			assertThat(answer.body()).as(page).contains("reach its database right now").doesNotContain("Exception");
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(page).isPresent();
			assertThat(answer.headers().firstValue("Cache-Control")).as(page).hasValue("no-store");
		}
		assertThat(new PortalClient(this.port).get("/actuator/health").statusCode()).isEqualTo(503);

		database.restore();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (admin.get("/actuator/health").statusCode() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(700);
		}
		HttpResponse<String> back = admin.get("/history");
		for (int i = 0; i < 20 && back.statusCode() != 200; i++) {
			Thread.sleep(700);
			back = admin.get("/history");
		}
		assertThat(back.statusCode()).isEqualTo(200);
	}

}
