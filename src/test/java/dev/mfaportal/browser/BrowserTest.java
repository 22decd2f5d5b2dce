package dev.mfaportal.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.mfaportal.security.LaunchToken;
import dev.mfaportal.support.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test does around its own steps: one Chromium per test class, started
 * by the first test (so a test skipped for want of Chromium says so itself), and each
 * test begins as a person does, by opening the link the portal printed.
 */
abstract class BrowserTest {

	static Chromium chromium;

	@LocalServerPort
	int port;

	@Autowired
	LaunchToken launchToken;

	@AfterAll
	static void stopBrowser() {
		if (chromium != null) {
			chromium.close();
			chromium = null;
		}
	}

	@BeforeEach
	void openThePrintedLink() {
		if (chromium == null) {
			chromium = Chromium.start();
		}
		chromium.size(Chromium.WIDE);
		open("/launch?token=" + URLEncoder.encode(this.launchToken.issue(), StandardCharsets.UTF_8));
	}

	String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	void open(String path) {
		chromium.driver().get(origin() + path);
	}

}
