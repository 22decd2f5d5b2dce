package dev.mfaportal.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

class PreformattedMessageSourceTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	private final ResourceBundleMessageSource spring = configure(new ResourceBundleMessageSource());

	private final PreformattedMessageSource preformatted = configure(new PreformattedMessageSource());

	@Test
	void everyMessageWhenAskedTwiceWithoutArgumentsThenReadsAsSpringsMessageFormatReadsIt() throws IOException {
		Properties keys = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/messages/messages.properties")) {
			keys.load(in);
		}
		assertSoftly((softly) -> {
			for (String key : keys.stringPropertyNames()) {
				for (Locale locale : new Locale[] { Locale.ENGLISH, SPANISH }) {
					String expected = this.spring.getMessage(key, null, locale);
					softly.assertThat(this.preformatted.getMessage(key, null, locale)).as(key).isEqualTo(expected);
					softly.assertThat(this.preformatted.getMessage(key, new Object[0], locale))
						.as(key)
						.isEqualTo(expected);
				}
			}
		});
	}

	@Test
	void apostropheWhenNoArgumentsThenWrittenOnce() {
		assertThat(this.preformatted.getMessage("form.source.shellDefault", null, Locale.ENGLISH))
			.isEqualTo("your shell's default");
	}

	@Test
	void messageWithArgumentsWhenAskedThenFormattedWithThoseArguments() {
		Object[] first = { "arn:aws:iam::123456789012:user/alice" };
		Object[] second = { "arn:aws:iam::123456789012:user/bob" };
		assertThat(this.preformatted.getMessage("form.find.identity", first, Locale.ENGLISH))
			.isEqualTo(this.spring.getMessage("form.find.identity", first, Locale.ENGLISH));
		assertThat(this.preformatted.getMessage("form.find.identity", second, Locale.ENGLISH)).contains("bob")
			.doesNotContain("alice");
	}

	@Test
	void unknownCodeWhenAskedThenDefaultMessageOrFailureAsSpringGivesThem() {
		assertThatExceptionOfType(NoSuchMessageException.class)
			.isThrownBy(() -> this.preformatted.getMessage("no.such.code", null, Locale.ENGLISH));
		assertThat(this.preformatted.getMessage("no.such.code", null, "it''s the default", Locale.ENGLISH))
			.isEqualTo(this.spring.getMessage("no.such.code", null, "it''s the default", Locale.ENGLISH));
	}

	private static <T extends ResourceBundleMessageSource> T configure(T messages) {
		messages.setBasenames("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

}
