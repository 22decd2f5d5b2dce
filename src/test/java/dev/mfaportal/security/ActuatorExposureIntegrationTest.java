package dev.mfaportal.security;

import java.net.http.HttpResponse;
import java.util.List;

import dev.mfaportal.support.PortalClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode: health answers anyone with its status and its parts' statuses, no details;
 * info and prometheus need the launch session ({@code OperationsIntegrationTest});
 * nothing else of Actuator, nor the H2 console, exists, even for the owner. Team mode:
 * see {@link TeamHeadersIntegrationTest#actuatorWhenTeamThenOnlyHealthWithoutSignIn()}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActuatorExposureIntegrationTest {

	static final List<String> HIDDEN = List.of("/actuator/env", "/actuator/heapdump", "/actuator/configprops",
			"/actuator/beans", "/actuator/mappings", "/actuator/loggers", "/actuator/threaddump", "/actuator/shutdown",
			"/actuator/metrics", "/actuator/scheduledtasks", "/h2-console", "/h2-console/login.do");

	@LocalServerPort
	int port;

	@Autowired
	LaunchToken launchToken;

	@Test
	void healthWhenAskedByAnyoneThenStatusesWithoutDetails() throws Exception {
		HttpResponse<String> health = new PortalClient(this.port).get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("details").doesNotContain("H2");
		HardenedResponses.assertHardened(health, "health");
	}

	@Test
	void everyOtherEndpointWhenAskedByTheOwnerThenNotFound() throws Exception {
		PortalClient owner = new PortalClient(this.port);
		owner.launch(this.launchToken.issue());
		for (String path : HIDDEN) {
			assertThat(owner.get(path).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void everyOtherEndpointWhenAskedByAStrangerThenRefused() throws Exception {
		PortalClient stranger = new PortalClient(this.port);
		for (String path : HIDDEN) {
			HttpResponse<String> answer = stranger.get(path);
			assertThat(answer.statusCode()).as(path).isIn(401, 403, 404);
			assertThat(answer.body()).as(path).doesNotContain("systemProperties").doesNotContain("portal.encryption");
		}
	}

}
