package dev.mfaportal.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dev.mfaportal.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One post against a real receiver: the body and signature as a receiver checks them, the
 * Slack shape, and the answers that count as not delivered.
 */
class WebhookPostTest {

	private final WebhookReceiver receiver = new WebhookReceiver("s3cret");

	private final OutboxRow event = new OutboxRow(1, "0d7e5b6e-0000-4000-8000-000000000001", "issued", "alice",
			Instant.parse("2026-11-26T10:00:00Z"), "{\"id\":\"0d7e5b6e-0000-4000-8000-000000000001\"}",
			"MFA Portal: alice \u2014 Credentials issued (GAHT1) at 2026-11-26T10:00:00Z", "PENDING", 0, Instant.EPOCH,
			null, null, null);

	@AfterEach
	void stop() {
		this.receiver.stop();
	}

	private WebhookPost post(EventSettings.Format format, URI url) {
		return new WebhookPost(new EventSettings(url, "s3cret", format, Duration.ofHours(1), false, false,
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), "i"));
	}

	@Test
	void sendWhenJsonThenThePayloadSignedOverItsRawBytesWithTheEventId() {
		WebhookPost.Answer answer = post(EventSettings.Format.JSON, this.receiver.url()).send(this.event);

		assertThat(answer.delivered()).isTrue();
		WebhookReceiver.Post got = this.receiver.posts().get(0);
		assertThat(got.body()).isEqualTo(this.event.payload());
		assertThat(got.eventId()).isEqualTo(this.event.eventId());
		assertThat(got.signature())
			.isEqualTo("sha256=" + WebhookPost.sign(this.event.payload().getBytes(StandardCharsets.UTF_8), "s3cret"));
		assertThat(got.signedWithTheSecret()).isTrue();
	}

	@Test
	void sendWhenSlackThenOneTextFieldWithTheSentenceSignedToo() {
		post(EventSettings.Format.SLACK, this.receiver.url()).send(this.event);

		WebhookReceiver.Post got = this.receiver.posts().get(0);
		assertThat(got.body())
			.isEqualTo("{\"text\":\"MFA Portal: alice \u2014 Credentials issued (GAHT1) at 2026-11-26T10:00:00Z\"}");
		assertThat(got.signedWithTheSecret()).isTrue();
	}

	@Test
	void sendWhenTheReceiverAnswersAHugeBodyWithControlCharactersThenTheErrorKeptIsShortAndPlain() {
		this.receiver.answer(500,
				"\u001b[31mred\u001b[0m\r\nInjected: line\u0000<b>bold</b>\u202e\u0007" + "x".repeat(5_000_000));

		WebhookPost.Answer answer = post(EventSettings.Format.JSON, this.receiver.url()).send(this.event);

		assertThat(answer.delivered()).isFalse();
		assertThat(answer.error()).startsWith("HTTP 500: [31mred [0m Injected: line <b>bold</b> xxx")
			.hasSizeLessThanOrEqualTo(WebhookPost.ERROR_SIZE)
			.doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
	}

	@Test
	void sendWhenRedirectedThenNotDeliveredAndNotFollowed() {
		WebhookReceiver elsewhere = new WebhookReceiver("s3cret");
		this.receiver.redirectTo(elsewhere.url());

		WebhookPost.Answer answer = post(EventSettings.Format.JSON, this.receiver.url()).send(this.event);

		assertThat(answer.delivered()).isFalse();
		assertThat(answer.status()).isEqualTo(307);
		assertThat(elsewhere.posts()).isEmpty();
		elsewhere.stop();
	}

	@Test
	void sendWhenTheReceiverHangsThenNotDeliveredWithinTheTimeout() {
		this.receiver.hang(1, 8000);
		long start = System.nanoTime();

		WebhookPost.Answer answer = post(EventSettings.Format.JSON, this.receiver.url()).send(this.event);

		assertThat(answer.delivered()).isFalse();
		assertThat(answer.error()).startsWith("no answer within 2000 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
	}

	@Test
	void sendWhenNobodyListensThenNotDeliveredWithTheReason() {
		this.receiver.stop();

		WebhookPost.Answer answer = post(EventSettings.Format.JSON, this.receiver.url()).send(this.event);

		assertThat(answer.delivered()).isFalse();
		assertThat(answer.status()).isNull();
		assertThat(answer.error()).contains("ConnectException");
		this.receiver.start();
	}

	@Test
	void backoffWhenRetriedThenFromAboutASecondDoublingToAMinuteWithJitter() {
		assertThat(OutboxSender.backoff(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(OutboxSender.backoff(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
		assertThat(OutboxSender.backoff(40)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
	}

}
