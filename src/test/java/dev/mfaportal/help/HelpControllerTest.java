package dev.mfaportal.help;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.security.SecurityConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(HelpController.class)
@Import(SecurityConfig.class)
@WithMockUser("alice")
class HelpControllerTest {

	/**
	 * Each topic's anchor and the key of its heading, in the order the table of contents
	 * lists them.
	 */
	private static final Map<String, String> TOPICS = new LinkedHashMap<>();

	static {
		TOPICS.put("mfa-session", "help.session.heading");
		TOPICS.put("environment-or-profile", "help.precedence.heading");
		TOPICS.put("unset-before-renewing", "help.unset.heading");
		TOPICS.put("mfa-serial", "help.mfaSerial.heading");
		TOPICS.put("require-mfa", "help.require.heading");
		TOPICS.put("limits", "help.limits.heading");
	}

	private static final Pattern POLICY = Pattern.compile("(?s)<pre data-policy=\"([^\"]+)\"[^>]*>(.*?)</pre>");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MessageSource messages;

	private String page(String language) throws Exception {
		return this.mvc.perform(get(HelpController.PATH).header(HttpHeaders.ACCEPT_LANGUAGE, language))
			.andExpect(status().isOk())
			.andExpect(view().name(HelpController.VIEW))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String escaped(String key, Locale locale) {
		return HtmlUtils.htmlEscape(this.messages.getMessage(key, null, locale), "UTF-8");
	}

	private static Map<String, String> policies(String html) {
		Map<String, String> policies = new LinkedHashMap<>();
		Matcher matcher = POLICY.matcher(html);
		while (matcher.find()) {
			policies.put(matcher.group(1), HtmlUtils.htmlUnescape(matcher.group(2)));
		}
		return policies;
	}

	@ParameterizedTest
	@ValueSource(strings = { "en", "es" })
	void helpWhenRequestedInALanguageThenEveryTopicHasAHeadingAndAContentsLink(String language) throws Exception {
		Locale locale = Locale.forLanguageTag(language);
		String html = page(language);

		assertThat(html).contains("<html lang=\"" + language + "\"")
			.contains("<h1>" + escaped("help.heading", locale) + "</h1>");
		TOPICS.forEach((id, key) -> assertThat(html).as(id)
			.contains("<h2 id=\"" + id + "\">" + escaped(key, locale) + "</h2>")
			.contains("<a href=\"#" + id + "\">" + escaped(key, locale) + "</a>"));
	}

	@Test
	void helpWhenRenderedInSpanishThenTheTextIsSpanish() throws Exception {
		String html = page("es");

		assertThat(html).contains("Para qué sirve la sesión MFA").doesNotContain("What the MFA session is for");
	}

	@Test
	void helpWhenRenderedThenEveryPolicyIsValidJsonThatTestsMfa() throws Exception {
		for (String language : List.of("en", "es")) {
			Map<String, String> policies = policies(page(language));

			assertThat(policies).as(language).containsOnlyKeys("require-mfa", "role-trust");
			policies.forEach((name, text) -> {
				JsonNode policy = new JsonMapper().readTree(text);
				assertThat(policy.get("Version").asString()).as(name).isEqualTo("2012-10-17");
				assertThat(policy.get("Statement").isArray()).as(name).isTrue();
				assertThat(text).as(name).contains("aws:MultiFactorAuthPresent").contains("123456789012");
			});
			assertThat(policies.get("role-trust")).contains("aws:MultiFactorAuthAge").contains("NumericLessThan");
			assertThat(policies.get("require-mfa")).contains("BoolIfExists")
				.contains("sts:GetSessionToken")
				.contains("${aws:username}");
		}
	}

	@Test
	@WithAnonymousUser
	void helpWhenNotLaunchedThenLaunchRequired() throws Exception {
		this.mvc.perform(get(HelpController.PATH)).andExpect(forwardedUrl("/launch-required"));
	}

}
