package dev.mfaportal.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mfaportal.security.LaunchLinkPrinted;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	final List<Runnable> later = new ArrayList<>();

	@TempDir
	Path home;

	/** The owner's {@code ~/.mfa-portal}, not there yet. */
	Path folder() {
		return this.home.resolve(".mfa-portal");
	}

	@Test
	void openWhenInstalledLauncherAndSettingUnsetThenTheBrowserGetsTheLink() throws IOException {
		opener(null, INSTALLED_WITH_DISPLAY).open(new LaunchLinkPrinted(URL));
		assertThat(this.started).singleElement()
			.satisfies((command) -> assertThat(command.get(0)).isEqualTo("xdg-open"));
		assertThat(redirectsTo(page(this.started.get(0)))).isEqualTo(URL);
		assertThat(printedLines()).containsExactly(message("launcher.opening"));
	}

	@Test
	void openWhenAnyPlatformThenNoArgumentOfTheCommandCarriesTheLinksKey() {
		List<BrowserOpener.Platform> platforms = List.of(new BrowserOpener.Platform("Windows 11", Map.of(), true),
				new BrowserOpener.Platform("Mac OS X", Map.of(), true), INSTALLED_WITH_DISPLAY,
				new BrowserOpener.Platform("Linux", Map.of("BROWSER", "firefox --new-tab %s"), true),
				new BrowserOpener.Platform("Linux", Map.of("BROWSER", "lynx"), true));
		for (BrowserOpener.Platform platform : platforms) {
			opener(null, platform).open(new LaunchLinkPrinted(URL));
		}
		assertThat(this.started).hasSize(platforms.size());
		assertThat(this.started).allSatisfy((command) -> {
			assertThat(String.join(" ", command)).doesNotContain("secret-token").doesNotContain("token=");
			assertThat(command.get(command.size() - 1)).startsWith("file:");
		});
	}

	@Test
	void openWhenStartedThenTheBrowsersPageIsTheOwnersOnlyRedirectsWithoutScriptAndIsDeletedAfterward()
			throws IOException {
		opener(null, INSTALLED_WITH_DISPLAY).open(new LaunchLinkPrinted(URL));
		Path page = page(this.started.get(0));

		assertThat(page.getParent()).isEqualTo(folder());
		assertThat(Files.getPosixFilePermissions(page)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(folder())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		Document html = Jsoup.parse(Files.readString(page));
		assertThat(html.select("script")).isEmpty();
		assertThat(redirectsTo(page)).isEqualTo(URL);
		assertThat(html.selectFirst("a").attr("href")).isEqualTo(URL);

		assertThat(this.later).as("the deletion, once the browser had time").hasSize(1);
		this.later.forEach(Runnable::run);
		assertThat(page).doesNotExist();
	}

	/**
	 * Ubuntu's Firefox and Chromium are snaps, which read no hidden folder of the home
	 * folder: their page goes to the snap's own folder, with the same care.
	 */
	@Test
	void openWhenTheBrowserVariableNamesASnapThenThePageIsInTheSnapsOwnFolderOwnerOnlyAndDeletedAfterward()
			throws IOException {
		Path snaps = snaps("firefox");
		Files.writeString(snaps.resolve("bin/firefox"), "");
		opener(null, linux(Map.of("BROWSER", "firefox", "PATH", "/nowhere:" + snaps.resolve("bin")), snaps))
			.open(new LaunchLinkPrinted(URL));
		Path page = page(this.started.get(0));

		assertThat(page.getParent()).isEqualTo(this.home.resolve("snap/firefox/common/mfa-portal"));
		assertThat(Files.getPosixFilePermissions(page)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(redirectsTo(page)).isEqualTo(URL);
		assertThat(folder()).doesNotExist();
		this.later.forEach(Runnable::run);
		assertThat(page).doesNotExist();
	}

	@Test
	void openWhenUbuntusBrowserScriptStartsASnapThenThePageIsInTheSnapsOwnFolder() throws IOException {
		Path snaps = snaps("firefox");
		Path bin = Files.createDirectories(this.home.resolve("usr/bin"));
		Files.writeString(bin.resolve("firefox"), "#!/bin/sh\nexec " + snaps.resolve("bin/firefox") + " \"$@\"\n");
		opener(null, linux(Map.of("BROWSER", "firefox", "PATH", bin.toString()), snaps))
			.open(new LaunchLinkPrinted(URL));
		assertThat(page(this.started.get(0)).getParent())
			.isEqualTo(this.home.resolve("snap/firefox/common/mfa-portal"));
	}

	@Test
	void openWhenXdgOpenShowsHtmlInASnapThenThePageIsInThatSnapsOwnFolder() throws IOException {
		Path snaps = snaps("chromium");
		Files.createDirectories(this.home.resolve(".config"));
		Files.writeString(this.home.resolve(".config/mimeapps.list"),
				"[Added Associations]\ntext/html=firefox.desktop;\n"
						+ "[Default Applications]\ntext/html=chromium_chromium.desktop;firefox.desktop;\n");
		opener(null, linux(Map.of("DISPLAY", ":0", "XDG_CONFIG_DIRS", "/nowhere", "XDG_DATA_DIRS", "/nowhere"), snaps))
			.open(new LaunchLinkPrinted(URL));
		assertThat(this.started.get(0).get(0)).isEqualTo("xdg-open");
		assertThat(page(this.started.get(0)).getParent())
			.isEqualTo(this.home.resolve("snap/chromium/common/mfa-portal"));
	}

	@Test
	void openWhenTheBrowserIsNoSnapThenThePageIsInTheOwnersFolder() throws IOException {
		Path snaps = snaps("firefox");
		Path bin = Files.createDirectories(this.home.resolve("usr/bin"));
		Files.writeString(bin.resolve("firefox"), "#!/bin/sh\nexec /usr/lib/firefox/firefox \"$@\"\n");
		opener(null, linux(Map.of("BROWSER", "firefox", "PATH", bin.toString()), snaps))
			.open(new LaunchLinkPrinted(URL));
		assertThat(page(this.started.get(0)).getParent()).isEqualTo(folder());
	}

	/** A stand-in for {@code /snap} with these snaps installed. */
	private Path snaps(String... names) throws IOException {
		Path snaps = Files.createDirectories(this.home.resolve("system/snap"));
		Files.createDirectories(snaps.resolve("bin"));
		for (String name : names) {
			Files.createDirectories(snaps.resolve(name));
		}
		return snaps;
	}

	private BrowserOpener.Platform linux(Map<String, String> environment, Path snaps) {
		return new BrowserOpener.Platform("Linux", environment, true, this.home, snaps);
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
		assertThat(this.started).singleElement().satisfies((command) -> assertThat(command.get(0)).isEqualTo("open"));
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
		assertThat(folder()).isEmptyDirectory();
	}

	@Test
	void openWhenTheCommandCannotStartThenSaysSoWithoutTheLink() {
		BrowserOpener opener = new BrowserOpener(new LaunchSettings(null), this.environment, this.messages,
				new BrowserOpener.Platform("Linux", Map.of("BROWSER", "no-such-browser"), true), (command) -> {
					throw new IOException("Cannot run program \"no-such-browser\" " + command);
				}, new PrintStream(this.printed, true, StandardCharsets.UTF_8), folder(), this.later::add);
		opener.open(new LaunchLinkPrinted(URL));
		assertThat(printedLines()).containsExactly(message("launcher.failed", "no-such-browser"));
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).doesNotContain("secret-token");
		assertThat(folder()).isEmptyDirectory();
	}

	private BrowserOpener opener(Boolean setting, BrowserOpener.Platform platform) {
		return new BrowserOpener(new LaunchSettings(setting), this.environment, this.messages, platform,
				this.started::add, new PrintStream(this.printed, true, StandardCharsets.UTF_8), folder(),
				this.later::add);
	}

	/** The file a command was given. */
	private static Path page(List<String> command) {
		return Path.of(URI.create(command.get(command.size() - 1)));
	}

	/** Where the page's meta refresh sends the browser. */
	private static String redirectsTo(Path page) throws IOException {
		String refresh = Jsoup.parse(Files.readString(page)).selectFirst("meta[http-equiv=refresh]").attr("content");
		assertThat(refresh).startsWith("0;url=");
		return refresh.substring("0;url=".length());
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
