package dev.mfaportal.browser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.support.EmulatedAccounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accessibility in Chromium: Deque's axe-core finds nothing serious or critical on any
 * page in either colour scheme, and a keyboard reaches every control, always with a
 * visible focus.
 */
class AccessibilityBrowserTest extends PortalInBrowser {

	static final List<String> PAGES = List.of("/", "/devices", "/devices/new", "/history", "/help", "/no-such-page");

	@ParameterizedTest
	@ValueSource(strings = { "light", "dark" })
	void everyPageWhenCheckedByAxeThenNoSeriousOrCriticalViolation(String scheme) {
		chromium.colorScheme(scheme);
		try {
			List<String> violations = new ArrayList<>();
			for (String path : PAGES) {
				open(path);
				violations.addAll(axe(path));
			}
			issueSaved(named("light".equals(scheme) ? "axe" : "axedark"));
			violations.addAll(axe("result"));
			chromium.screenshot("result-" + scheme, false);
			chromium.find("[data-reveal]").click();
			openOtherFormats(chromium);
			violations.addAll(axe("result, revealed, every format"));
			chromium.find("[data-remove-profile] button").click();
			chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-removed-profile]")).isEmpty());
			violations.addAll(axe("profile removed"));
			assertThat(violations).isEmpty();
		}
		finally {
			chromium.colorScheme("light");
		}
	}

	@Test
	void formWhenUsedWithTheKeyboardOnlyThenEveryControlIsReachedVisiblyAndTheCodeIsSent() {
		for (String path : PAGES) {
			open(path);
			assertThat(tabThrough()).as(path).isEmpty();
		}

		EmulatedUser user = named("keyboard");
		open("/");
		chromium.find("details.role summary").sendKeys(Keys.ENTER);
		assertThat(chromium.find("#roleArn").isDisplayed()).isTrue();
		assertThat(tabThrough()).as("/ with the role fields open").isEmpty();
		WebElement source = chromium.find("#source");
		source.sendKeys(Keys.HOME);
		for (int i = 0; i < USERS.indexOf(user); i++) {
			source.sendKeys(Keys.ARROW_DOWN);
		}
		assertThat(source.getAttribute("value")).isEqualTo("keyboard");
		chromium.find("#serialNumber").sendKeys(Keys.chord(Keys.CONTROL, "a"), user.device().serialNumber());
		chromium.find("#tokenCode").sendKeys(EmulatedAccounts.code(user), Keys.ENTER);
		waitForResult(chromium);

		assertThat(tabThrough()).as("result").isEmpty();
		chromium.find("details[data-other-formats] summary").sendKeys(Keys.ENTER);
		assertThat(chromium.find("[data-copy='fish']").isDisplayed()).isTrue();
		assertThat(tabThrough()).as("result with every format").isEmpty();
		WebElement reveal = chromium.find("[data-reveal]");
		reveal.sendKeys(Keys.ENTER);
		assertThat(reveal.getAttribute("aria-pressed")).isEqualTo("true");
		reveal.sendKeys(Keys.SPACE);
		assertThat(reveal.getAttribute("aria-pressed")).isEqualTo("false");
	}

	/**
	 * Tabs through the page once round; returns what a keyboard could not reach, or
	 * reached without a visible focus indicator.
	 */
	private static List<String> tabThrough() {
		long count = chromium.script("var n = 0;"
				+ "document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')"
				+ ".forEach(function (e) {"
				+ "  if (e.disabled || e.tabIndex < 0 || !e.checkVisibility({ visibilityProperty: true })) { return; }"
				+ "  e.setAttribute('data-keyboard', String(n++));" + "});" + "return n;");
		Set<String> reached = new LinkedHashSet<>();
		List<String> problems = new ArrayList<>();
		Actions keyboard = new Actions(chromium.driver());
		// a date field takes a Tab per part, so allow for more stops than controls
		for (int i = 0; i < 4 * count + 10 && reached.size() < count; i++) {
			keyboard.sendKeys(Keys.TAB).perform();
			List<Object> focus = chromium.script("var e = document.activeElement, style = getComputedStyle(e);"
					+ "return [e.getAttribute('data-keyboard'), style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,"
					+ " e.tagName + '#' + e.id + ' ' + style.outlineStyle + ' ' + style.outlineWidth + ' ' + e.matches(':focus') + (e.textContent || '').trim().slice(0, 40)];");
			if (focus.get(0) == null) {
				continue;
			}
			reached.add((String) focus.get(0));
			if (!Boolean.TRUE.equals(focus.get(1))) {
				problems.add("no visible focus on " + focus.get(2));
			}
		}
		for (long i = 0; i < count; i++) {
			if (!reached.contains(String.valueOf(i))) {
				problems.add("not reached: " + chromium.script(
						"var e = document.querySelector('[data-keyboard=\"' + arguments[0] + '\"]');"
								+ "return e.tagName + '#' + e.id + ' ' + (e.textContent || '').trim().slice(0, 40);",
						String.valueOf(i)));
			}
		}
		return problems;
	}

}
