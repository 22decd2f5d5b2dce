package dev.mfaportal.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mfaportal.security.LaunchLinkPrinted;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserOpenerTest {

	static final String URL = "http://127.0.0.1:8080/launch?token=secret-token";

	static final BrowserOpener.Platform INSTALLED_WITH_DISPLAY = new BrowserOpener.Platform("Linux",
			Map.of("DISPLAY", ":0"), true);

	final List<List<String>> started = new ArrayList<>();

	final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	final MockEnvironment environment = new MockEnvironment();

	final ResourceBundleMessageSource messages = messages();

	@Test
	void openWhenInstalledLauncherAndSettingUnsetThenTheBrowserGetsTheLink() {
		opener(null, INSTALLED_WITH_DISPLAY).open(new LaunchLinkPrinted(URL));
		assertThat(this.started).containsExactly(List.of("xdg-open", URL));
		assertThat(printedLines()).containsExactly(message("launcher.opening"));
	}

	@Test
	void openWhenJavaJarAndSettingUnsetThenNoBrowserAsBefore() {
		opener(null, new BrowserOpener.Platform("Linux", Map.of("DISPLAY", ":0"), false))
			.open(new LaunchLinkPrinted(URL));
		assertThat(this.started).isEmpty();
		assertThat(printedLines()).isEmpty();
	}

	@Test
	void openWhenTurnedOffUnderTheInstalledLauncherThenNoBrowser() {
		opener(false, INSTALLED_WITH_DISPLAY).open(new LaunchLinkPrinted(URL));
		assertThat(this.started).isEmpty();
	}

	@Test
	void openWhenTurnedOnForJavaJarThenTheBrowserGetsTheLink() {
		opener(true, new BrowserOpener.Platform("Mac OS X", Map.of(), false)).open(new LaunchLinkPrinted(URL));
		assertThat(this.started).containsExactly(List.of("open", URL));
	}

	@Test
	void openWhenTeamModeThenNeverEvenWhenTurnedOn() {
		this.environment.setActiveProfiles("team");
		opener(true, INSTALLED_WITH_DISPLAY).open(new LaunchLinkPrinted(URL));
		assertThat(this.started).isEmpty();
		assertThat(printedLines()).isEmpty();
	}

	@Test
	void openWhenNoDisplayThenNoBrowserAndSaysToOpenTheLink() {
		opener(null, new BrowserOpener.Platform("Linux", Map.of(), true)).open(new LaunchLinkPrinted(URL));
		assertThat(this.started).isEmpty();
		assertThat(printedLines()).containsExactly(message("launcher.noBrowser"));
	}

	@Test
	void openWhenTheCommandCannotStartThenSaysSoWithoutTheLink() {
		BrowserOpener opener = new BrowserOpener(new LaunchSettings(null), this.environment, this.messages,
				new BrowserOpener.Platform("Linux", Map.of("BROWSER", "no-such-browser"), true), (command) -> {
					throw new IOException("Cannot run program \"no-such-browser\" " + command);
				}, new PrintStream(this.printed, true, StandardCharsets.UTF_8));
		opener.open(new LaunchLinkPrinted(URL));
		assertThat(printedLines()).containsExactly(message("launcher.failed", "no-such-browser"));
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).doesNotContain("secret-token");
	}

	private BrowserOpener opener(Boolean setting, BrowserOpener.Platform platform) {
		return new BrowserOpener(new LaunchSettings(setting), this.environment, this.messages, platform,
				this.started::add, new PrintStream(this.printed, true, StandardCharsets.UTF_8));
	}

	private List<String> printedLines() {
		return this.printed.toString(StandardCharsets.UTF_8)
			.lines()
			.map(String::strip)
			.filter((l) -> !l.isEmpty())
			.toList();
	}

	private String message(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, Locale.getDefault());
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

}
