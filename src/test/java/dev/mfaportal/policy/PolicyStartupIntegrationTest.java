package dev.mfaportal.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Team mode's start with a policy file that is wrong (refused, naming the line), and
 * without one (everything allowed, and the admin page says so).
 */
class PolicyStartupIntegrationTest {

	static final String ADMIN_PASSWORD = "h21a-startup-admin-1";

	@TempDir
	Path dir;

	private static ConfigurableApplicationContext start(String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--portal.team.admin-password=" + ADMIN_PASSWORD,
				"--portal.encryption.key=AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM="));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(MfaPortalApplication.class).profiles("team")
			.run(arguments.toArray(String[]::new));
	}

	@Test
	void policyFileWhenItDoesNotValidateThenThePortalRefusesToStartNamingTheLine() throws Exception {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"),
				"rules:\n  - who: [group:developers]\n    roles:\n      - arn: \"arn:aws:iam::1:role/x\"\n"
						+ "        max-seconds: 3600\n        aproval: {by: [user:a], valid-minutes: 5}\n");

		Throwable failure = catchThrowable(() -> start("--portal.team.policy-file=" + policy));

		Throwable cause = failure;
		while (cause != null && !(cause instanceof PolicyStartupException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("the start's failure, %s", failure).isInstanceOf(PolicyStartupException.class);
		assertThat(cause.getMessage()).contains(policy.toString()).contains("line 6").contains("unknown key aproval");
	}

	@Test
	void noPolicyFileWhenAdminOpensThePolicyPageThenItSaysEverythingIsAllowed() throws Exception {
		try (ConfigurableApplicationContext portal = start()) {
			PortalClient admin = new PortalClient(PolicyOnTwoInstancesContract.port(portal));
			admin.login("admin", ADMIN_PASSWORD);

			Document page = Html.parse(admin.get("/admin/policy?name=anyone").body());

			assertThat(page.selectFirst("[data-policy-none]")).isNotNull();
			assertThat(page.selectFirst("[data-grants-unlimited]")).isNotNull();
			Document form = Html.parse(admin.get("/").body());
			assertThat(form.selectFirst("datalist#policy-roles")).isNull();
			assertThat(form.selectFirst("input#durationSeconds").attr("max")).isEqualTo("129600");
		}
	}

}
