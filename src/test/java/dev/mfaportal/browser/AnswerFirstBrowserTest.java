package dev.mfaportal.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.support.Chromium;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result page with "save" and "serve" ticked, in both languages: what happened, the
 * countdown and the next actions come before "Set up a terminal", which is folded once a
 * terminal has fetched and open by itself after "New token"; axe on both states of both
 * pages. Takes the README's pictures of the result page, the set-up and the history.
 */
class AnswerFirstBrowserTest extends PortalInBrowser {

	/** The width the issue measured "Time left" at. */
	static final Dimension DESKTOP = new Dimension(1280, 1000);

	@ParameterizedTest
	@CsvSource({ "en, h22en, h22enb, h22enc, Set up a terminal, Saved as profile mfa, Serving your terminals",
			"es, h22es, h22esb, h22esc, Configurar una terminal, Guardadas como perfil mfa, Sirviendo a sus terminales" })
	void setUpWhenNewTokenThenOpenWhenATerminalFetchedThenFoldedBelowTheCountdownAndAxeFindsNothing(String language,
			String first, String opened, String folded, String summary, String saved, String serving) throws Exception {
		chromium.size(DESKTOP);
		open("/?lang=" + language);
		try {
			issueSavedAndServed(named(first));
			logTimeLeft(language, "first result");
			Path tokenFile = Path.of(chromium.find("[data-token-file]").getAttribute("data-token-file"));
			openSetUp();
			chromium.find("[data-new-token]").click();
			chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-issue-form]")).isEmpty());
			assertThat(chromium.find("details[data-terminal-setup]").getAttribute("open")).as("form, new token")
				.isNotNull();
			assertThat(axe("form, set-up open (" + language + ")")).isEmpty();

			issueSavedAndServed(named(opened));
			WebElement setUp = chromium.find("details[data-terminal-setup]");
			assertThat(setUp.getAttribute("open")).as("open: no terminal has the new token").isNotNull();
			assertThat(chromium.find("[data-terminal-setup] [data-terminal-lines='bash']").getText())
				.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI='" + origin() + "/credentials'");
			assertAbove(countdown(), setUp);
			assertThat(axe("result, set-up open (" + language + ")")).isEmpty();
			if ("en".equals(language)) {
				chromium.screenshot("terminal-setup", setUp.getLocation().getY() - 16,
						setUp.getLocation().getY() + setUp.getSize().getHeight() + 16);
			}

			assertThat(fetchAsATerminal(tokenFile)).isEqualTo(200);
			open("/");
			assertThat(chromium.find("details[data-terminal-setup]").getAttribute("open")).as("form, fetched").isNull();
			assertThat(axe("form, set-up folded (" + language + ")")).isEmpty();

			issueSavedAndServed(named(folded));
			assertThat(chromium.find("[data-saved-profile]").getText()).startsWith(saved);
			assertThat(chromium.find("[data-served-session] h2").getText()).isEqualTo(serving);
			setUp = chromium.find("details[data-terminal-setup]");
			assertThat(setUp.getAttribute("open")).as("result, fetched").isNull();
			assertThat(setUp.findElement(By.tagName("summary")).getText()).isEqualTo(summary);
			logTimeLeft(language, "set-up folded");
			assertAbove(countdown(), setUp);
			assertAbove(chromium.find("[data-stop-serving]"), setUp);
			assertAbove(chromium.find("[data-remove-profile] button"), setUp);
			assertThat(axe("result, set-up folded (" + language + ")")).isEmpty();
			if ("en".equals(language)) {
				// down to the folded set-up: the answer, the countdown and what is folded
				chromium.screenshot("result-served", 0, setUp.getLocation().getY() + setUp.getSize().getHeight() + 24);
				open("/history");
				WebElement table = chromium.find("table");
				chromium.screenshot("history", 0,
						Math.min(table.getLocation().getY() + table.getSize().getHeight() + 24, 1600));
			}
		}
		finally {
			open("/?lang=en");
			chromium.findAll("[data-stop-serving]").forEach(WebElement::click);
			chromium.size(Chromium.WIDE);
		}
	}

	/**
	 * The number the issue measured: where "Time left" starts, in CSS pixels from the
	 * top.
	 */
	private static void logTimeLeft(String language, String state) {
		System.out.println("h22: \"Time left\" at y=" + countdown().getLocation().getY() + " of "
				+ chromium.script("return document.documentElement.scrollHeight;") + " (1280 px wide, " + language
				+ ", save and serve, " + state + ")");
	}

	private static void openSetUp() {
		WebElement setUp = chromium.find("details[data-terminal-setup]");
		if (setUp.getAttribute("open") == null) {
			setUp.findElement(By.tagName("summary")).click();
		}
	}

	private void issueSavedAndServed(EmulatedUser user) {
		fill(chromium, user);
		for (String box : new String[] { "#saveProfile", "#serve" }) {
			WebElement field = chromium.find(box);
			if (!field.isSelected()) {
				field.click();
			}
		}
		chromium.find("[data-submit]").click();
		waitForResult(chromium);
	}

	/** A terminal's request, with the token its shell read from the file. */
	private int fetchAsATerminal(Path tokenFile) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + "/credentials"))
			.header("Authorization", Files.readString(tokenFile).strip())
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static WebElement countdown() {
		WebElement countdown = chromium.find("[data-countdown]");
		chromium.waitUntil((d) -> countdown.isDisplayed() && !countdown.getText().isEmpty());
		return countdown;
	}

	/**
	 * Before in the page and higher on the screen: seen without opening or scrolling
	 * past.
	 */
	private static void assertAbove(WebElement first, WebElement then) {
		assertThat(
				(Long) chromium.script("return arguments[0].compareDocumentPosition(arguments[1]);", first, then) & 4)
			.as("document order")
			.isEqualTo(4);
		assertThat(first.getLocation().getY()).isLessThan(then.getLocation().getY());
	}

}
