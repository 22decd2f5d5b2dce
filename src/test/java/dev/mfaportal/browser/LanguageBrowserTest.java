package dev.mfaportal.browser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language switcher in Chromium: after a click on "Español" no English message is
 * left on any page, including what the page's script writes, and the choice holds from
 * page to page.
 */
class LanguageBrowserTest extends PortalInBrowser {

	/**
	 * The choice sticks: put English back, so one failing test does not fail the next.
	 */
	@AfterEach
	void backToEnglish() {
		open("/?lang=en");
	}

	@Test
	void languageWhenSwitchedThenNoEnglishIsLeftOnAnyPageAndTheChoiceSticks() throws IOException {
		List<String> english = englishOnly();
		open("/");
		assertThat(lang()).isEqualTo("en");

		chromium.find(".languages a[hreflang='es']").click();
		chromium.waitUntil((d) -> "es".equals(lang()));
		assertThat(chromium.find("h1").getText()).isEqualTo("Obtener credenciales temporales");
		for (String path : List.of("/", "/devices", "/devices/new", "/history", "/help", "/no-such-page")) {
			open(path);
			assertThat(lang()).as(path).isEqualTo("es");
			assertNoEnglish(path, english);
		}
		chromium.find(".site-nav a[href='/help']").click();
		assertThat(chromium.find("h1").getText()).isNotEmpty();
		assertThat(lang()).isEqualTo("es");

		issueSaved(named("spanish"));
		assertThat(chromium.find("[data-countdown]").getText()).startsWith("Tiempo restante: ");
		assertThat(chromium.find("[data-saved-profile]").getText()).startsWith("Guardadas como perfil mfa en ");
		assertNoEnglish("result", english);
		openOtherFormats(chromium);
		assertNoEnglish("result, every format", english);
		assertThat(axe("result in Spanish")).isEmpty();
		chromium.find("[data-remove-profile] button").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-removed-profile]")).isEmpty());
		assertNoEnglish("profile removed", english);
		assertThat(axe("profile removed in Spanish")).isEmpty();
		open("/?lang=en");
	}

	@Test
	void languageWhenSwitchedOnTheResultPageThenANewTabAndThisOneKeepsTheCredentials() {
		issue(named("language"));
		String resultTab = chromium.driver().getWindowHandle();
		String secret = chromium.find("[data-credential='secretAccessKey']").getAttribute("textContent");
		WebElement spanish = chromium.find(".languages a[hreflang='es']");
		assertThat(spanish.getAttribute("target")).isEqualTo("_blank");
		assertThat(chromium.find("#" + spanish.getAttribute("aria-describedby")).getText())
			.isEqualTo("Opens the portal in a new tab: this page keeps your credentials.");

		spanish.click();
		chromium.waitUntil((d) -> d.getWindowHandles().size() == 2);
		String newTab = chromium.driver()
			.getWindowHandles()
			.stream()
			.filter((handle) -> !handle.equals(resultTab))
			.findFirst()
			.orElseThrow();
		chromium.driver().switchTo().window(newTab);
		chromium.waitUntil((d) -> "es".equals(lang()));
		assertThat(chromium.find("h1").getText()).isEqualTo("Obtener credenciales temporales");
		chromium.driver().close();

		chromium.driver().switchTo().window(resultTab);
		assertThat(chromium.find("[data-credential='secretAccessKey']").getAttribute("textContent")).isEqualTo(secret);
		open("/?lang=en");
	}

	private static void assertNoEnglish(String page, List<String> english) {
		String text = visibleTextOutsideCode();
		assertThat(english).as(page).allSatisfy((phrase) -> assertThat(text).doesNotContain(phrase));
	}

	/**
	 * What a person reads, less code and snippets, which are the same in every language.
	 */
	private static String visibleTextOutsideCode() {
		String text = chromium.driver().getTitle() + "\n" + chromium.find("body").getText();
		for (var code : chromium.driver().findElements(By.cssSelector("pre, code"))) {
			text = text.replace(code.getText(), "");
		}
		return text;
	}

	private static String lang() {
		return chromium.find("html").getAttribute("lang");
	}

	/**
	 * Phrases of the English bundle that the Spanish one does not also use: each message
	 * cut at its placeholders, pieces of 12 characters or more.
	 */
	private static List<String> englishOnly() throws IOException {
		Properties en = bundle("messages/messages.properties");
		Properties es = bundle("messages/messages_es.properties");
		String spanish = String.join("\n", es.values().stream().map(String::valueOf).toList());
		List<String> phrases = new ArrayList<>();
		for (String key : en.stringPropertyNames()) {
			if (en.getProperty(key).equals(es.getProperty(key))) {
				continue;
			}
			for (String piece : en.getProperty(key).replace("''", "'").split("\\{\\d+[^}]*}")) {
				String phrase = piece.strip();
				if (phrase.length() >= 12 && !spanish.contains(phrase)) {
					phrases.add(phrase);
				}
			}
		}
		assertThat(phrases).hasSizeGreaterThan(300);
		return phrases;
	}

	private static Properties bundle(String path) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(LanguageBrowserTest.class.getClassLoader().getResourceAsStream(path),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
