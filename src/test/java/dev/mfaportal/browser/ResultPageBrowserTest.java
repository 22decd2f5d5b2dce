package dev.mfaportal.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mfaportal.support.Chromium;
import dev.mfaportal.emulator.EmulatedUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result page in Chromium: copy and download give exactly the server's snippet, the
 * secrets are masked on screen only, and the reminder is opt-in.
 */
class ResultPageBrowserTest extends PortalInBrowser {

	static final List<String> FORMATS = List.of("env", "env-unset", "fish", "fish-unset", "powershell",
			"powershell-unset", "windows-cmd", "windows-cmd-unset", "credentials-file", "process", "dotenv");

	@Test
	void copyWhenClickedThenClipboardHoldsExactlyTheSnippetEvenWhileMaskedAndWithoutOneTheSecretsShow() {
		issue(named("copy"));
		chromium.grant(origin(), "clipboardReadWrite", "clipboardSanitizedWrite");
		assertThat(chromium.find("[data-result]").getAttribute("class")).contains("secrets-masked");
		openOtherFormats(chromium);

		for (String format : FORMATS) {
			WebElement button = chromium.find("[data-copy='" + format + "']");
			button.click();
			chromium.waitUntil((d) -> button.getText().equals("Copied"));
			String clipboard = chromium.clipboard();
			assertThat(clipboard).as(format).isEqualTo(expectedSnippet(format));
		}

		// Without the Clipboard API (plain http on another host) the button says so, and
		// the secrets
		// are shown: "select the text instead" then gives the whole snippet.
		chromium.script("Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });");
		WebElement env = chromium.find("[data-copy='env']");
		env.click();
		chromium.waitUntil((d) -> env.getText().startsWith("Copy failed"));
		assertThat(chromium.find("[data-result]").getAttribute("class")).doesNotContain("secrets-masked");
		assertThat(chromium.find("[data-reveal]").getAttribute("aria-pressed")).isEqualTo("true");
	}

	@Test
	void downloadWhenClickedThenFileHasTheSnippetsNameBytesAndLineEndings() throws Exception {
		issue(named("download"));
		openOtherFormats(chromium);

		for (String format : FORMATS) {
			String fileName = chromium.find("[data-snippet='" + format + "']").getAttribute("data-filename");
			chromium.find("[data-download='" + format + "']").click();
			Path file = chromium.downloads().resolve(fileName);
			chromium
				.waitUntil((d) -> Files.exists(file) && !Files.exists(file.resolveSibling(fileName + ".crdownload")));
			String content = Files.readString(file, StandardCharsets.UTF_8);
			assertThat(content).as(fileName).isEqualTo(expectedSnippet(format));
			if (format.startsWith("powershell") || format.startsWith("windows-cmd")) {
				assertThat(content.replace("\r\n", "")).as(fileName + " has CRLF only").doesNotContain("\n");
			}
			else {
				assertThat(content).as(fileName + " has LF only").doesNotContain("\r");
			}
		}
	}

	@Test
	void secretsWhenShownThenMaskedOnScreenUntilRevealedAndTheAccessKeyIdNever() {
		issue(named("mask"));
		WebElement secret = chromium.find("[data-credential='secretAccessKey']");
		WebElement token = chromium.find("[data-credential='sessionToken']");
		WebElement keyId = chromium.find("[data-credential='accessKeyId']");
		List<WebElement> inSnippets = chromium.findAll("[data-snippet] [data-secret]");

		assertThat(textSecurity(secret)).isEqualTo("disc");
		assertThat(textSecurity(token)).isEqualTo("disc");
		assertThat(textSecurity(keyId)).isEqualTo("none");
		// secret and token in each of the 7 snippets that set them
		assertThat(inSnippets).hasSize(14).allSatisfy((span) -> assertThat(textSecurity(span)).isEqualTo("disc"));
		assertThat(inSnippets).extracting((span) -> span.getAttribute("textContent"))
			.containsOnly(secret.getAttribute("textContent"), token.getAttribute("textContent"));

		WebElement reveal = chromium.find("[data-reveal]");
		reveal.click();
		assertThat(reveal.getAttribute("aria-pressed")).isEqualTo("true");
		assertThat(textSecurity(secret)).isEqualTo("none");
		assertThat(textSecurity(inSnippets.get(0))).isEqualTo("none");
		reveal.click();
		assertThat(reveal.getAttribute("aria-pressed")).isEqualTo("false");
		assertThat(textSecurity(token)).isEqualTo("disc");
	}

	@Test
	void reminderWhenOptedInThenScheduledFiveMinutesBeforeExpiryAndShownThen() {
		chromium.grant(origin(), "notifications");
		issue(named("notify"));
		Instant expiration = expiration();
		chromium.script("var Real = window.Notification; window.portalNotified = [];"
				+ "window.Notification = function (title) { window.portalNotified.push(title); };"
				+ "window.Notification.requestPermission = Real.requestPermission.bind(Real);");

		WebElement button = chromium.find("[data-notify]");
		button.click();
		WebElement box = chromium.find("[data-expiry]");
		chromium.waitUntil((d) -> box.getAttribute("data-remind-at") != null);
		assertThat(Instant.parse(box.getAttribute("data-remind-at")))
			.isEqualTo(expiration.minus(Duration.ofMinutes(5)));
		assertThat(chromium.find("[data-notify-status]").getText())
			.startsWith("A browser notification will remind you at");
		assertThat(button.isEnabled()).isFalse();
		assertThat((List<Object>) chromium.script("return window.portalNotified;")).isEmpty();

		pageClock(expiration.minusSeconds(299));
		chromium.waitUntil((d) -> "true".equals(box.getAttribute("data-reminded")));
		assertThat((List<Object>) chromium.script("return window.portalNotified;"))
			.containsExactly("MFA session ends in 5 minutes");
	}

	@Test
	void submitWhenClickedAgainThenBusyAndStsCalledOnce() {
		EmulatedUser user = named("submit");
		fill(chromium, user);
		List<Object> busy = chromium.script("var button = document.querySelector('[data-submit]'); button.click();"
				+ "var state = [button.disabled, button.textContent, button.form.getAttribute('aria-busy')];"
				+ "button.form.requestSubmit(); button.click(); return state;");
		waitForResult(chromium);

		assertThat(busy).containsExactly(true, "Asking AWS STS…", "true");
		assertThat(emulator.recordedRequests()).filteredOn((call) -> user.accessKeyId().equals(call.accessKeyId()))
			.hasSize(1);
	}

	@Test
	void roleWhenTypedWhileTheLengthIsTheDefaultThenAnHourAndAChosenLengthStays() {
		chromium.driver().get(origin() + "/");
		assertThat(chromium.find("#durationSeconds").getAttribute("value")).isEqualTo("43200");
		chromium.find("details[data-role] summary").click();
		type(chromium, "roleArn", "arn:aws:iam::123456789012:role/admin");
		assertThat(chromium.find("#durationSeconds").getAttribute("value")).isEqualTo("3600");
		assertThat(chromium.find("#durationDefault").getAttribute("value")).isEqualTo("3600");
		chromium.find("#roleArn").clear();
		chromium.find("#roleArn").sendKeys(" ");
		assertThat(chromium.find("#durationSeconds").getAttribute("value")).isEqualTo("43200");

		type(chromium, "durationSeconds", "7200");
		type(chromium, "roleArn", "arn:aws:iam::123456789012:role/admin");
		assertThat(chromium.find("#durationSeconds").getAttribute("value")).isEqualTo("7200");
	}

	@Test
	void pagesWhenOnAPhoneThenNothingScrollsSideways() {
		chromium.size(new Dimension(360, 800));
		for (String path : List.of("/", "/devices", "/history", "/help", "/devices/new")) {
			open(path);
			assertThat(sidewaysOverflow()).as(path).isZero();
		}
		issue(named("narrow"));
		chromium.screenshot("result-360");
		assertThat(sidewaysOverflow())
			.as(() -> "result: " + chromium.script("return Array.from(document.querySelectorAll('body *'))"
					+ ".filter(function (e) { return e.getBoundingClientRect().right > document.documentElement.clientWidth; })"
					+ ".map(function (e) { return e.tagName + '.' + e.className + '[' + e.getBoundingClientRect().right + ']'; }).join(' ');"))
			.isZero();
	}

	@Test
	void resultWhenJavaScriptIsOffThenTheFormStillPostsAndSnippetsAreReadable() {
		try (Chromium plain = Chromium.start(false)) {
			plain.driver()
				.get(origin() + "/launch?token=" + URLEncoder.encode(this.launchToken.issue(), StandardCharsets.UTF_8));
			fill(plain, named("nojs"));
			plain.find("[data-submit]").click();
			waitForResult(plain);

			String secret = plain.find("[data-credential='secretAccessKey']").getText();
			assertThat(secret).isNotBlank();
			assertThat(plain.find("[data-snippet='env']").getText()).contains("AWS_SECRET_ACCESS_KEY=" + secret);
			openOtherFormats(plain);
			assertThat(plain.find("[data-snippet='credentials-file']").getText())
				.contains("aws_secret_access_key = " + secret);
			assertThat(plain.find("[data-copy='env']").isDisplayed()).isFalse();
			assertThat(plain.find("[data-result]").getAttribute("class")).doesNotContain("secrets-masked");
		}
	}

	@Test
	void pagesWhenLoadedThenEveryResourceComesFromThePortal() {
		for (String path : List.of("/", "/devices", "/history", "/help")) {
			open(path);
			List<Object> resources = chromium
				.script("return performance.getEntriesByType('resource').map(function (r) { return r.name; });");
			assertThat(resources).as(path)
				.isNotEmpty()
				.allSatisfy((url) -> assertThat(url.toString()).startsWith(origin() + "/"));
		}
	}

	@Test
	void shellWhenChosenThenItsSnippetsComeFirstTheOthersFoldedAndOnlyTheChoiceIsRemembered() {
		issue(named("shell"));
		// Linux: bash/zsh is the guess
		assertThat(primarySnippets()).containsExactly("env", "env-unset");
		assertThat(chromium.find("details[data-other-formats]").getAttribute("open")).isNull();
		assertThat(chromium.find("[data-snippet='fish']").isDisplayed()).isFalse();

		assertThat(shownUsage()).containsExactly("env");
		new Select(chromium.find("#shell")).selectByValue("fish");
		assertThat(primarySnippets()).containsExactly("fish", "fish-unset");
		assertThat(shownUsage()).containsExactly("fish");
		new Select(chromium.find("#shell")).selectByValue("powershell");
		assertThat(shownUsage()).containsExactly("powershell");
		new Select(chromium.find("#shell")).selectByValue("credentials-file");
		assertThat(shownUsage()).as("a file format keeps the guessed shell's lines").containsExactly("env");
		new Select(chromium.find("#shell")).selectByValue("fish");
		assertThat(chromium.find("[data-snippet='fish']").isDisplayed()).isTrue();
		assertThat(chromium.find("[data-snippet='env']").isDisplayed()).isFalse();
		assertThat((List<Object>) chromium.script("var all = [];"
				+ "for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); all.push(k + '=' + localStorage.getItem(k)); }"
				+ "for (var j = 0; j < sessionStorage.length; j++) { all.push('session:' + sessionStorage.key(j)); }"
				+ "return all;"))
			.containsExactly("portal-shell=fish");

		issue(named("shellagain"));
		assertThat(primarySnippets()).containsExactly("fish", "fish-unset");
		assertThat(new Select(chromium.find("#shell")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("fish");
		chromium.script("localStorage.removeItem('portal-shell');");
	}

	/** The shells whose "try it" lines are not hidden. */
	private static List<String> shownUsage() {
		return chromium.driver()
			.findElements(By.cssSelector("pre[data-usage]"))
			.stream()
			.filter((pre) -> pre.getAttribute("hidden") == null)
			.map((pre) -> pre.getAttribute("data-usage-shell"))
			.toList();
	}

	@Test
	void shellWhenTheBrowserRunsOnWindowsThenPowerShellComesFirst() {
		String userAgent = chromium.script("localStorage.removeItem('portal-shell'); return navigator.userAgent;");
		chromium.driver()
			.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent",
					userAgent.replaceFirst("\\(X11; Linux [^)]*\\)", "(Windows NT 10.0; Win64; x64)"), "platform",
					"Win32", "userAgentMetadata", Map.of("platform", "Windows", "platformVersion", "10.0.0",
							"architecture", "x86", "model", "", "mobile", false, "brands", List.of())));
		try {
			issue(named("windows"));
			assertThat(primarySnippets()).containsExactly("powershell", "powershell-unset");
		}
		finally {
			chromium.driver().executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent));
		}
	}

	@Test
	void savedProfileWhenAskedForThenItLeadsThePageAndRemoveTakesItOutOfTheFile() throws Exception {
		issueSaved(named("saved"));

		WebElement saved = chromium.find("[data-saved-profile]");
		assertThat(saved.getAttribute("data-saved-profile")).isEqualTo("written");
		assertThat(saved.getText()).contains("Saved as profile mfa in " + CREDENTIALS_FILE);
		assertThat(Files.readString(CREDENTIALS_FILE)).contains("[mfa]");
		// before the expiry, the snippets and the raw values
		for (String later : List.of("[data-expiry]", "[data-primary-snippets]", "dl.credentials")) {
			assertThat((Long) chromium.script("return arguments[0].compareDocumentPosition(arguments[1]);", saved,
					chromium.find(later)) & 4)
				.as(later)
				.isEqualTo(4);
		}

		chromium.find("[data-remove-profile] button").click();
		chromium.waitUntil((d) -> !d.findElements(By.cssSelector("[data-removed-profile]")).isEmpty());
		assertThat(chromium.find("[data-removed-profile]").getAttribute("data-removed-profile")).isEqualTo("REMOVED");
		assertThat(Files.readString(CREDENTIALS_FILE)).doesNotContain("[mfa]");
	}

	private static List<String> primarySnippets() {
		return chromium.findAll("[data-primary-snippets] [data-snippet]")
			.stream()
			.map((pre) -> pre.getAttribute("data-snippet"))
			.toList();
	}

	private static String textSecurity(WebElement element) {
		return chromium.script("return getComputedStyle(arguments[0]).webkitTextSecurity;", element);
	}

	private static long sidewaysOverflow() {
		return chromium.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
	}

}
