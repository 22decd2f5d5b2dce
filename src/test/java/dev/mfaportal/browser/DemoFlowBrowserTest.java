package dev.mfaportal.browser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.Chromium;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as a person meets it: the printed link, the code the demo box shows, the
 * result ticking down to expiry, renewal, and a saved device. The page's clock is moved
 * forward rather than waiting 15 minutes. Also takes the pictures of the form (README)
 * and of the expired result (docs/daily-use.md).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser-demo-${random.uuid};DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
// the first test types the code of now, the second the next one: the emulator takes each
// code once
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoFlowBrowserTest extends BrowserTest {

	static final String SERIAL = EmulatedMfaDevice.DEMO_SERIAL_NUMBER;

	/**
	 * The top of the result page: the countdown and what follows it (docs/daily-use.md
	 * shows it expired).
	 */
	static final Dimension README_SHOT = new Dimension(1200, 1250);

	@Test
	@Order(1)
	void demoWhenThePersonTypesTheShownCodeThenCredentialsTickDownExpireAndRenewPrefilled() {
		assertThat(chromium.find("h1").getText()).isEqualTo("Get temporary credentials");
		assertThat(value("serialNumber")).isEqualTo(SERIAL);
		Matcher shown = Pattern.compile("code right now is (\\d{6})").matcher(chromium.find("[data-demo]").getText());
		assertThat(shown.find()).as("the demo box shows the code").isTrue();
		WebElement fifteenMinutes = chromium.find("[data-duration='900']");
		fifteenMinutes.click();
		assertThat(value("durationSeconds")).isEqualTo("900");
		assertThat(fifteenMinutes.getAttribute("aria-pressed")).isEqualTo("true");
		chromium.screenshot("form");

		chromium.find("#tokenCode").sendKeys(shown.group(1), Keys.ENTER);
		waitForResult();

		assertThat(chromium.find(".lead").getText()).contains(SERIAL);
		WebElement box = chromium.find("[data-expiry]");
		WebElement counter = chromium.find("[data-countdown]");
		String first = counter.getText();
		assertThat(first).matches("Time left: 0:1[45]:\\d\\d");
		chromium.waitUntil((d) -> !counter.getText().equals(first));
		// 900 seconds is STS's shortest session, so it is inside the last 15 minutes from
		// the start
		assertThat(box.getAttribute("data-state")).isEqualTo("warning");
		assertThat(chromium.find("[data-expiry-warning]").isDisplayed()).isTrue();
		assertThat(chromium.driver().getTitle()).startsWith("(0:14:")
			.endsWith("Your MFA session credentials · MFA Portal");
		chromium.size(README_SHOT);
		chromium.screenshot("result", false);

		Instant expiration = Instant.parse(box.getAttribute("data-expiration"));
		PortalInBrowser.pageClock(chromium, expiration.minusSeconds(2));
		chromium.waitUntil((d) -> "expired".equals(box.getAttribute("data-state")));
		assertThat(counter.getText()).isEqualTo("Time left: 0:00:00");
		assertThat(chromium.find("[data-expired-notice]").isDisplayed()).isTrue();
		assertThat(chromium.find("[data-expiry-warning]").isDisplayed()).isFalse();
		assertThat(chromium.driver().getTitle()).startsWith("(Expired) ");
		chromium.screenshot("expired", false);
		chromium.size(Chromium.WIDE);

		chromium.find("[data-renew]").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-issue-form]")).isEmpty());
		assertThat(value("serialNumber")).isEqualTo(SERIAL);
		assertThat(value("durationSeconds")).isEqualTo("900");
		assertThat(value("profileName")).isEqualTo("mfa");
		assertThat(value("tokenCode")).isEmpty();
	}

	@Test
	@Order(2)
	void demoWhenASavedDeviceIsPickedThenTheFormFillsFromItAndIssues() {
		open("/devices/new");
		type("label", "Demo phone");
		type("serialNumber", SERIAL);
		type("durationSeconds", "3600");
		type("profileName", "demo");
		chromium.find("[data-device-form] button[type='submit']").click();
		chromium.waitUntil((d) -> d.getPageSource().contains("Demo phone") && d.getCurrentUrl().endsWith("/devices"));

		open("/");
		type("durationSeconds", "900");
		type("profileName", "other");
		new Select(chromium.find("[data-device-select]")).selectByVisibleText("Demo phone");
		assertThat(value("durationSeconds")).isEqualTo("3600");
		assertThat(value("profileName")).isEqualTo("demo");
		assertThat(chromium.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("tokenCode");

		String nextCode = Totp.currentCode(EmulatedMfaDevice.demo().base32Secret(),
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30)));
		chromium.find("#tokenCode").sendKeys(nextCode);
		chromium.find("[data-submit]").click();
		waitForResult();

		assertThat(chromium.find("[data-snippet='credentials-file']").getAttribute("textContent"))
			.contains("\n[demo]\n");
		Instant expiration = Instant.parse(chromium.find("[data-expiry]").getAttribute("data-expiration"));
		assertThat(Duration.between(Instant.now(), expiration)).isBetween(Duration.ofMinutes(58),
				Duration.ofMinutes(61));
	}

	private static void waitForResult() {
		PortalInBrowser.waitForResult(chromium);
	}

	private static String value(String id) {
		return chromium.find("#" + id).getAttribute("value");
	}

	private static void type(String id, String text) {
		PortalInBrowser.type(chromium, id, text);
	}

}
