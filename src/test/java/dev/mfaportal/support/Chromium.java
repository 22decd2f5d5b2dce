package dev.mfaportal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both named by path,
 * so Selenium Manager never goes to the network. One per test class; each gets a fresh
 * profile and a download folder of its own, and a page is always at a known size.
 */
public final class Chromium implements AutoCloseable {

	/**
	 * Where the tests leave their screenshots; the best are copied to docs/img by hand.
	 */
	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	public static final Dimension WIDE = new Dimension(1200, 900);

	private final ChromeDriver driver;

	private final Path profile;

	private final Path downloads;

	private Chromium(ChromeDriver driver, Path profile, Path downloads) {
		this.driver = driver;
		this.profile = profile;
		this.downloads = downloads;
	}

	/**
	 * Starts the browser, or skips (fails in CI) when Chromium or chromedriver is
	 * missing.
	 */
	public static Chromium start() {
		return start(true);
	}

	/**
	 * Starts the browser with the pages' JavaScript on or off (the driver's own scripts
	 * run either way), or skips as {@link #start()} does.
	 */
	public static Chromium start(boolean javaScript) {
		Path[] tools = Tools.requireChromium();
		try {
			Path profile = Files.createTempDirectory("portal-chromium-");
			Path downloads = Files.createTempDirectory("portal-downloads-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(tools[0].toFile());
			// Chromium as root (CI) needs --no-sandbox; the rest keeps it off the network
			// and quiet.
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--user-data-dir=" + profile, "--lang=en-US", "--window-size=" + WIDE.width + "," + WIDE.height);
			options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en",
					"profile.managed_default_content_settings.javascript", javaScript ? 1 : 2));
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(tools[1].toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
			driver.executeCdpCommand("Browser.setDownloadBehavior",
					Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
			return new Chromium(driver, profile, downloads);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public Path downloads() {
		return this.downloads;
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	public <T> T waitUntil(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(condition);
	}

	@SuppressWarnings("unchecked")
	public <T> T script(String script, Object... args) {
		return (T) this.driver.executeScript(script, args);
	}

	public Map<String, Object> cdp(String command, Map<String, Object> parameters) {
		return this.driver.executeCdpCommand(command, parameters);
	}

	/**
	 * Grants browser permissions (clipboard, notifications) to one origin, as a person
	 * would.
	 */
	public void grant(String origin, String... permissions) {
		cdp("Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of(permissions)));
	}

	/**
	 * What the clipboard holds, read in a tab of its own on a blank page of another
	 * origin: the portal's Permissions-Policy denies {@code clipboard-read} to its own
	 * pages, as it should.
	 */
	public String clipboard() {
		String portalTab = this.driver.getWindowHandle();
		HttpServer blank;
		try {
			blank = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		blank.createContext("/", (exchange) -> {
			byte[] page = "<!DOCTYPE html><title>clipboard</title>".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		blank.start();
		try {
			String origin = "http://127.0.0.1:" + blank.getAddress().getPort();
			this.driver.switchTo().newWindow(WindowType.TAB);
			this.driver.get(origin + "/");
			grant(origin, "clipboardReadWrite", "clipboardSanitizedWrite");
			// A headless tab opened by WebDriver has no focus, and readText needs it.
			cdp("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
			// URI-encoded: the WebDriver wire would otherwise turn CRLF into LF on the
			// way back.
			Object text = this.driver.executeAsyncScript("var done = arguments[0]; navigator.clipboard.readText()"
					+ ".then(function (text) { done(encodeURIComponent(text)); }, function (e) { done('failed: ' + e); });");
			this.driver.close();
			return URLDecoder.decode(String.valueOf(text), StandardCharsets.UTF_8);
		}
		finally {
			this.driver.switchTo().window(portalTab);
			blank.stop(0);
		}
	}

	/** Plays the system's colour scheme: {@code light} or {@code dark}. */
	public void colorScheme(String scheme) {
		cdp("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
	}

	public void size(Dimension size) {
		this.driver.manage().window().setSize(size);
	}

	/** A full-page screenshot in {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		return screenshot(name, true);
	}

	/**
	 * A screenshot of the whole page or of what the window shows, in
	 * {@code target/screenshots}.
	 */
	@SuppressWarnings("unchecked")
	public Path screenshot(String name, boolean fullPage) {
		Map<String, Object> metrics = cdp("Page.getLayoutMetrics", Map.of());
		Map<String, Number> content = (Map<String, Number>) metrics
			.get(fullPage ? "cssContentSize" : "cssLayoutViewport");
		if (!fullPage) {
			content = Map.of("width", content.get("clientWidth"), "height", content.get("clientHeight"));
		}
		return capture(name, 0, content.get("width"), content.get("height"));
	}

	/**
	 * A band of the page, the window's width from {@code top} to {@code bottom} (CSS
	 * pixels from the top of the page, scrolled or not), in {@code target/screenshots}.
	 */
	@SuppressWarnings("unchecked")
	public Path screenshot(String name, Number top, Number bottom) {
		Map<String, Number> viewport = (Map<String, Number>) cdp("Page.getLayoutMetrics", Map.of())
			.get("cssLayoutViewport");
		return capture(name, top, viewport.get("clientWidth"), bottom.doubleValue() - top.doubleValue());
	}

	private Path capture(String name, Number top, Number width, Number height) {
		Map<String, Object> shot = cdp("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
				"clip", Map.of("x", 0, "y", top, "width", width, "height", height, "scale", 1)));
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			delete(this.profile);
			delete(this.downloads);
		}
	}

	private static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temp folder left behind is not worth failing a test for
		}
	}

}
