package dev.mfaportal.system;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.support.PortalClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected error ends on the portal's page with a reference that the log repeats
 * beside the stack trace; the person never sees the exception. Runs with the launch token
 * off, which also shows that switch works.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "portal.access.launch-token=false")
@ExtendWith(OutputCaptureExtension.class)
class ErrorPageIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void unexpectedErrorWhenThrownThenPageShowsReferenceThatTheLogRepeats(CapturedOutput output) throws Exception {
		HttpResponse<String> page = new PortalClient(this.port).get("/test/boom");

		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.body()).contains("unexpected error")
			.doesNotContain("kaboom-internal-detail")
			.doesNotContain("IllegalStateException")
			.doesNotContain("Whitelabel");
		Matcher reference = Pattern.compile("Reference ([A-Z0-9]{8})").matcher(page.body());
		assertThat(reference.find()).as("a reference on the page").isTrue();
		assertThat(output.getAll()).contains("reference " + reference.group(1)).contains("kaboom-internal-detail");
	}

	@Test
	void h2ConsoleWhenRequestedThenNotThere() throws Exception {
		assertThat(new PortalClient(this.port).get("/h2-console").statusCode()).isEqualTo(404);
	}

	@Test
	void formWhenLaunchTokenTurnedOffThenReachableWithoutIt() throws Exception {
		assertThat(new PortalClient(this.port).get("/").statusCode()).isIn(200);
	}

	@Test
	void languageWhenSwitchedThenPagesFollowAndTheChoiceSticks() throws Exception {
		PortalClient browser = new PortalClient(this.port);
		String spanish = "Credenciales temporales de AWS a partir de tu código MFA";
		assertThat(browser.get("/?lang=es").body()).contains(spanish);
		assertThat(browser.get("/").body()).contains(spanish).contains("lang=\"es\"");
		assertThat(browser.get("/?lang=xx").body()).contains(spanish);
		assertThat(browser.get("/?lang=en").body()).contains("Temporary AWS credentials from your MFA code");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Failing {

		@Bean
		BoomController boomController() {
			return new BoomController();
		}

	}

	@RestController
	static class BoomController {

		@GetMapping("/test/boom")
		String boom() {
			throw new IllegalStateException("kaboom-internal-detail");
		}

	}

}
