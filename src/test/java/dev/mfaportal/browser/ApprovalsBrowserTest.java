package dev.mfaportal.browser;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.mfaportal.MfaPortalApplication;
import dev.mfaportal.approval.ApprovalTestPolicy;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.Chromium;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.system.SqlTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals as people use them, in team mode: the member asks, the approver sees the
 * count in the navigation and approves, the member gets the role with their code. Leaves
 * {@code target/screenshots/approvals-request.png}, {@code approvals-approve.png} and
 * {@code approvals-issued.png}.
 */
class ApprovalsBrowserTest {

	static final EmulatedUser KEYS = EmulatedAccounts.user("h21bbrowser");

	static final String PASSWORD = "h21b-browser-password-1";

	static TestEmulator emulator;

	static ConfigurableApplicationContext portal;

	static Chromium chromium;

	@BeforeAll
	static void start() {
		chromium = Chromium.start();
		emulator = TestEmulator.start(
				EmulatorSettings.of(KEYS).withRoles(List.of(new EmulatedRole(ApprovalTestPolicy.GUARDED, 3600))),
				Clock.systemUTC());
		portal = new SpringApplicationBuilder(MfaPortalApplication.class, ApprovalTestPolicy.class, Keys.class)
			.profiles("team")
			.run("--server.port=0", "--server.address=127.0.0.1",
					"--spring.datasource.url=jdbc:h2:mem:h21b_browser_" + ProcessHandle.current().pid()
							+ ";DB_CLOSE_DELAY=-1",
					"--portal.team.admin-password=h21b-browser-admin-1", "--portal.sts.endpoint=" + emulator.endpoint(),
					"--portal.encryption.key=AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=");
		for (String name : List.of(ApprovalTestPolicy.MEMBER, ApprovalTestPolicy.APPROVER)) {
			portal.getBean(JdbcClient.class)
				.sql("insert into portal_user (username, password_hash, admin, enabled, must_change_password, "
						+ "created_at) values (?, ?, false, true, false, ?)")
				.params(name, portal.getBean(PasswordEncoder.class).encode(PASSWORD), SqlTime.of(Instant.now()))
				.update();
		}
		ApprovalTestPolicy.CLOCK.set(Instant.now());
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		if (portal != null) {
			portal.close();
		}
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void approvalWhenAskedApprovedAndUsedInTheBrowserThenTheRoleIsIssuedOnce() {
		signIn(ApprovalTestPolicy.MEMBER);
		open("/approvals");
		type("roleArn", ApprovalTestPolicy.GUARDED);
		type("durationSeconds", "3600");
		type("reason", "Deploy the hotfix for ticket 4711");
		chromium.find("[data-approval-form] button[type=submit]").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-flash]")).isEmpty());
		assertThat(chromium.find("[data-mine] tr[data-approval]").getAttribute("data-status")).isEqualTo("PENDING");
		assertThat(chromium.find("[data-nav-approvals]").getText()).isEqualTo("Approvals (1 waiting)");
		chromium.screenshot("approvals-request");
		signOut();

		signIn(ApprovalTestPolicy.APPROVER);
		assertThat(chromium.find("[data-nav-approvals]").getText()).isEqualTo("Approvals (1 to answer)");
		chromium.find("[data-nav-approvals]").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-to-answer]")).isEmpty());
		assertThat(chromium.find("[data-to-answer] [data-reason]").getText())
			.isEqualTo("Deploy the hotfix for ticket 4711");
		chromium.find("[data-to-answer] input[name=note]").sendKeys("Go ahead, watch the error rate");
		chromium.screenshot("approvals-approve");
		chromium.find("[data-to-answer] [data-approve]").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-flash]")).isEmpty());
		assertThat(chromium.findAll("[data-to-answer]")).isEmpty();
		signOut();

		signIn(ApprovalTestPolicy.MEMBER);
		open("/");
		new Select(chromium.find("#source")).selectByValue(KEYS.userName());
		type("serialNumber", KEYS.device().serialNumber());
		WebElement role = chromium.find("details[data-role]");
		if (role.getAttribute("open") == null) {
			role.findElement(By.tagName("summary")).click();
		}
		type("roleArn", ApprovalTestPolicy.GUARDED);
		type("durationSeconds", "3600");
		chromium.find("#tokenCode").sendKeys(EmulatedAccounts.code(KEYS));
		chromium.find("[data-submit]").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-result]")).isEmpty());
		chromium.screenshot("approvals-issued");

		open("/approvals");
		assertThat(chromium.find("[data-mine] tr[data-approval]").getAttribute("data-status")).isEqualTo("USED");
		assertThat(chromium.find("[data-mine] [data-answered-by]").getText()).isEqualTo(ApprovalTestPolicy.APPROVER);
		assertThat(emulator.recordedRequests().stream().filter((call) -> "AssumeRole".equals(call.action())))
			.hasSize(1);
	}

	private static void signIn(String name) {
		open("/login");
		type("username", name);
		type("password", PASSWORD);
		chromium.find("form button[type=submit]").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-nav-approvals]")).isEmpty());
	}

	private static void signOut() {
		chromium.find("form[action='/logout'] button").click();
		chromium.waitUntil((d) -> d.getCurrentUrl().contains("/login"));
	}

	private static void open(String path) {
		int port = ((WebServerApplicationContext) portal).getWebServer().getPort();
		chromium.driver().get("http://127.0.0.1:" + port + path);
	}

	private static void type(String id, String value) {
		WebElement field = chromium.find("#" + id);
		field.clear();
		field.sendKeys(value);
	}

	static class Keys {

		@Bean
		@Primary
		CredentialSources h21bBrowserKeys() {
			return new EmulatedAccounts(List.of(KEYS));
		}

	}

}
