package dev.mfaportal.events;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The webhook is checked when the portal starts, before any event could go astray. */
class EventSettingsTest {

	private static EventSettings settings(String url, String secret, boolean allowHttp) {
		return new EventSettings((url != null) ? URI.create(url) : null, secret, EventSettings.Format.JSON,
				Duration.ofHours(24), false, allowHttp, Duration.ofSeconds(2), Duration.ofSeconds(5),
				Duration.ofSeconds(1), null);
	}

	@Test
	void settingsWhenPlainHttpToAnotherMachineThenRefusedSayingWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("http://hooks.example/x", "s", false))
			.withMessageContaining("unencrypted")
			.withMessageContaining("portal.events.allow-http");
	}

	@Test
	void settingsWhenPlainHttpToAHostNameThatStartsWith127ThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("http://127.evil.example/hook", "s", false));
	}

	@Test
	void settingsWhenRefusedThenTheMessageNamesNoPathWhereChatWebhooksKeepTheirSecret() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings("http://hooks.example/services/T000/B000/XXXXSECRET", "s", false))
			.withMessageNotContaining("XXXXSECRET")
			.withMessageContaining("hooks.example");
	}

	@Test
	void settingsWhenPlainHttpAllowedThenTaken() {
		assertThat(settings("http://hooks.example/x", "s", true).delivers()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:8080/x",
			"https://hooks.example/x" })
	void settingsWhenHttpsOrLoopbackThenTaken(String url) {
		assertThat(settings(url, "s", false).delivers()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://hooks.example/x", "file:///etc/passwd", "mailto:a@b.example" })
	void settingsWhenNotHttpThenRefused(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(url, "s", false));
	}

	@Test
	void settingsWhenAWebhookHasNoSecretThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("https://hooks.example/x", " ", false))
			.withMessageContaining("portal.events.webhook-secret");
	}

	@Test
	void settingsWhenNoWebhookThenNothingDeliveredAndAnInstanceNameAnyway() {
		EventSettings none = settings(null, null, false);
		assertThat(none.delivers()).isFalse();
		assertThat(none.instance()).endsWith(":" + ProcessHandle.current().pid());
	}

}
