package dev.mfaportal.launcher;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserCommandTest {

	static final String URL = "http://127.0.0.1:8080/launch?token=abc";

	@Test
	void commandWhenWindowsThenTheUrlProtocolHandler() {
		assertThat(BrowserCommand.of("Windows 11", Map.of(), URL))
			.contains(List.of("rundll32", "url.dll,FileProtocolHandler", URL));
	}

	@Test
	void commandWhenMacOsThenOpen() {
		assertThat(BrowserCommand.of("Mac OS X", Map.of("BROWSER", "lynx"), URL)).contains(List.of("open", URL));
	}

	@Test
	void commandWhenLinuxWithBrowserVariableThenItsFirstEntryWithTheLinkLast() {
		assertThat(BrowserCommand.of("Linux", Map.of("BROWSER", "/opt/bin/firefox --new-tab:chromium"), URL))
			.contains(List.of("/opt/bin/firefox", "--new-tab", URL));
	}

	@Test
	void commandWhenBrowserVariableHasPercentSThenTheLinkTakesItsPlace() {
		assertThat(BrowserCommand.of("Linux", Map.of("BROWSER", "w3m -o x=%% %s"), URL))
			.contains(List.of("w3m", "-o", "x=%", URL));
	}

	@Test
	void commandWhenLinuxWithBrowserVariableAndNoDisplayThenStillTheBrowserVariable() {
		assertThat(BrowserCommand.of("Linux", Map.of("BROWSER", "lynx"), URL)).contains(List.of("lynx", URL));
	}

	@Test
	void commandWhenLinuxWithDisplayThenXdgOpen() {
		assertThat(BrowserCommand.of("Linux", Map.of("DISPLAY", ":0"), URL)).contains(List.of("xdg-open", URL));
		assertThat(BrowserCommand.of("FreeBSD", Map.of("WAYLAND_DISPLAY", "wayland-0"), URL))
			.contains(List.of("xdg-open", URL));
	}

	@Test
	void commandWhenLinuxWithoutDisplayOrBrowserVariableThenNone() {
		assertThat(BrowserCommand.of("Linux", Map.of("DISPLAY", " ", "BROWSER", ":"), URL)).isEmpty();
		assertThat(BrowserCommand.of("Linux", Map.of(), URL)).isEmpty();
	}

}
