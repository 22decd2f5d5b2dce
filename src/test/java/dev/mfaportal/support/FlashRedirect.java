package dev.mfaportal.support;

import org.springframework.test.web.servlet.ResultMatcher;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The answer of a form that worked: a redirect to the page that says so, with the message
 * key in the flash attribute {@code flash} and its argument in {@code flashArgument}.
 */
public final class FlashRedirect {

	private FlashRedirect() {
	}

	public static ResultMatcher redirectedWithFlash(String url, String messageKey, String argument) {
		return (result) -> {
			redirectedUrl(url).match(result);
			flash().attribute("flash", messageKey).match(result);
			flash().attribute("flashArgument", argument).match(result);
		};
	}

}
