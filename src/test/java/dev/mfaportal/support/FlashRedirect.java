package dev.mfaportal.support;

import org.jsoup.select.Elements;

import org.springframework.test.web.servlet.ResultMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The answer of a form that worked: a redirect to the page that says so, with the message
 * key in the flash attribute {@code flash} and its argument in {@code flashArgument}; and
 * the page that shows it.
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

	/**
	 * For MockMvc: the page shows one notice of what the last form did, with this role
	 * ({@code status}, or {@code alert} when it failed) and this text.
	 */
	public static ResultMatcher flashShown(String role, String text) {
		return (result) -> {
			Elements notices = Html.parse(result.getResponse().getContentAsString()).select("[data-flash]");
			assertThat(notices).as("[data-flash]").hasSize(1);
			assertThat(notices.first().attr("role")).as("role").isEqualTo(role);
			assertThat(notices.first().text()).isEqualTo(text);
		};
	}

}
