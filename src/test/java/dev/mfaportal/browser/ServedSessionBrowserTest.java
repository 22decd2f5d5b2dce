package dev.mfaportal.browser;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Keep this session for my terminals" in Chromium, in both languages: the box on the
 * form, the held session on the result page and on the form, axe on both, and "Stop
 * serving" taking it away again.
 */
class ServedSessionBrowserTest extends PortalInBrowser {

	@ParameterizedTest
	@CsvSource({ "en, serve, Keep this session for my terminals until it expires, Serving your terminals",
			"es, servir, Guardar esta sesión para mis terminales hasta que caduque, Sirviendo a sus terminales" })
	void serveWhenTickedThenResultAndFormShowTheHeldSessionUntilStopServing(String language, String user,
			String boxLabel, String heading) {
		open("/?lang=" + language);
		try {
			fill(chromium, named(user));
			WebElement box = chromium.find("#serve");
			assertThat(chromium.find("label[for='serve']").getText()).isEqualTo(boxLabel);
			box.click();
			chromium.find("[data-submit]").click();
			waitForResult(chromium);

			WebElement served = chromium.find("[data-served-session]");
			assertThat(served.findElement(By.tagName("h2")).getText()).isEqualTo(heading);
			assertThat(Instant.parse(served.getAttribute("data-held-until"))).isEqualTo(expiration());
			// the lines moved below the countdown, into "Set up a terminal" (folded once
			// a
			// terminal has fetched): read whether folded or not
			assertThat(chromium.find("[data-terminal-setup] [data-terminal-lines='bash']").getAttribute("textContent"))
				.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI='" + origin() + "/credentials'");
			assertThat(axe("result, serving (" + language + ")")).isEmpty();

			open("/");
			assertThat(chromium.find("[data-served-session] h2").getText()).isEqualTo(heading);
			assertThat(axe("form, serving (" + language + ")")).isEmpty();

			chromium.find("[data-stop-serving]").click();
			chromium.waitUntil((d) -> d.findElements(By.cssSelector("[data-served-session]")).isEmpty());
			assertThat(chromium.find("#serve").isSelected()).isFalse();
		}
		finally {
			open("/?lang=en");
		}
	}

}
