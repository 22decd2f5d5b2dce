package dev.mfaportal.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import dev.mfaportal.snippet.SnippetFormat;
import dev.mfaportal.snippet.Snippets;
import dev.mfaportal.sts.TemporaryCredentials;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.Chromium;
import dev.mfaportal.support.EmulatedAccounts;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One portal (one Spring context, shared by every subclass) against one emulator with a
 * user per test: the emulator takes each TOTP code once, so a user that issues once never
 * waits for the next code. One browser per test class.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
abstract class PortalInBrowser extends BrowserTest {

	static final List<EmulatedUser> USERS = List.of(user("copy"), user("download"), user("mask"), user("notify"),
			user("submit"), user("narrow"), user("nojs"), user("keyboard"), user("axe"), user("axedark"),
			user("spanish"), user("saved"), user("shell"), user("shellagain"), user("language"), user("windows"),
			user("serve"), user("servir"), user("h22en"), user("h22enb"), user("h22es"), user("h22esb"), user("h22enc"),
			user("h22esc"));

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(USERS.toArray(EmulatedUser[]::new)),
			Clock.systemUTC());

	/** Where "Save as profile" writes in these tests, never ~/.aws. */
	static final Path CREDENTIALS_FILE = temporaryCredentialsFile();

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("portal.profile.credentials-file", CREDENTIALS_FILE::toString);
	}

	private static Path temporaryCredentialsFile() {
		try {
			Path folder = Files.createTempDirectory("portal-browser-aws");
			folder.toFile().deleteOnExit();
			return folder.resolve("credentials");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static EmulatedUser user(String name) {
		String key = ("AKIABROWSER" + name.toUpperCase() + "0000000000").substring(0, 20);
		return EmulatedAccounts.user(name, key, "BrowserSecret/" + name + "/0123456789abcdefABCDEF");
	}

	static EmulatedUser named(String name) {
		return USERS.stream().filter((u) -> u.userName().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * Fills the form as a person would, for a user's keys and device, with a code of now.
	 */
	void fill(Chromium browser, EmulatedUser user) {
		browser.driver().get(origin() + "/");
		new Select(browser.find("#source")).selectByValue(user.userName());
		type(browser, "serialNumber", user.device().serialNumber());
		type(browser, "durationSeconds", "900");
		browser.find("#tokenCode").sendKeys(EmulatedAccounts.code(user));
	}

	/** Issues credentials and waits for the result page. */
	void issue(EmulatedUser user) {
		fill(chromium, user);
		chromium.find("[data-submit]").click();
		waitForResult(chromium);
	}

	/** Issues credentials saved as profile {@code mfa}, and waits for the result page. */
	void issueSaved(EmulatedUser user) {
		fill(chromium, user);
		WebElement box = chromium.find("#saveProfile");
		if (!box.isSelected()) {
			box.click();
		}
		chromium.find("[data-submit]").click();
		waitForResult(chromium);
	}

	/** Unfolds "Other shells and formats", as a person does to reach them. */
	static void openOtherFormats(Chromium browser) {
		WebElement details = browser.find("details[data-other-formats]");
		if (details.getAttribute("open") == null) {
			details.findElement(By.tagName("summary")).click();
		}
	}

	/** Deque's axe-core on the current page: its serious and critical violations. */
	static List<String> axe(String page) {
		Results results = new AxeBuilder().analyze(chromium.driver());
		assertThat(results.isErrored()).as(page + ": axe ran").isFalse();
		List<String> found = new ArrayList<>();
		for (Rule rule : results.getViolations()) {
			if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
				rule.getNodes()
					.forEach((node) -> found.add(page + ": " + rule.getId() + " (" + rule.getImpact() + ") "
							+ node.getTarget() + " " + node.getFailureSummary()));
			}
		}
		return found;
	}

	static void waitForResult(Chromium browser) {
		browser.waitUntil((d) -> !d.findElements(By.cssSelector("[data-result]")).isEmpty()
				&& "complete".equals(browser.script("return document.readyState;")));
	}

	static void type(Chromium browser, String id, String value) {
		WebElement field = browser.find("#" + id);
		field.clear();
		field.sendKeys(value);
	}

	/**
	 * Sets the page's clock (Date.now, which the countdown reads) to run from the given
	 * instant.
	 */
	static void pageClock(Instant now) {
		pageClock(chromium, now);
	}

	static void pageClock(Chromium browser, Instant now) {
		browser.script(
				"var real = window.portalRealNow || (window.portalRealNow = Date.now.bind(Date));"
						+ "var offset = arguments[0] - real(); Date.now = function () { return real() + offset; };",
				now.toEpochMilli());
	}

	static Instant expiration() {
		return Instant.parse(chromium.find("[data-expiry]").getAttribute("data-expiration"));
	}

	/**
	 * What the server would render for the credentials on the page: the bytes a snippet
	 * must have.
	 */
	static String expectedSnippet(String format) {
		TemporaryCredentials credentials = new TemporaryCredentials(credential("accessKeyId"),
				credential("secretAccessKey"), credential("sessionToken"), expiration());
		SnippetFormat snippetFormat = Arrays.stream(SnippetFormat.values())
			.filter((f) -> f.id().equals(format))
			.findFirst()
			.orElseThrow();
		return Snippets.render(snippetFormat, credentials, "mfa").content();
	}

	private static String credential(String name) {
		return chromium.find("[data-credential='" + name + "']").getAttribute("textContent");
	}

}
