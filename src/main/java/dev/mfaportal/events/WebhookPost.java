package dev.mfaportal.events;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.mfaportal.snippet.Json;

/**
 * One POST of one event to the webhook: signed as GitHub signs its webhooks (HMAC-SHA256
 * of the raw body, {@code X-MfaPortal-Signature: sha256=HEX}), its id in
 * {@code X-MfaPortal-Event} for de-duplication, with timeouts and no redirect followed: a
 * redirect is a failure, so nothing is ever posted to where the receiver points.
 */
final class WebhookPost {

	static final String SIGNATURE_HEADER = "X-MfaPortal-Signature";

	static final String EVENT_HEADER = "X-MfaPortal-Event";

	private final EventSettings settings;

	private final HttpClient client;

	WebhookPost(EventSettings settings) {
		this.settings = settings;
		this.client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			// HTTP/1.1: no h2c upgrade dance with receivers that are a few lines of
			// script
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/** What the receiver answered: a status, or the reason there was none. */
	record Answer(Integer status, String error) {

		boolean delivered() {
			return this.status != null && this.status >= 200 && this.status < 300;
		}

	}

	private Answer noAnswer() {
		return new Answer(null, "no answer within " + this.settings.requestTimeout().toMillis() + " ms");
	}

	Answer send(OutboxRow event) {
		String body = (this.settings.format() == EventSettings.Format.SLACK)
				? "{\"text\":" + Json.string(event.summary()) + "}" : event.payload();
		byte[] raw = body.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(this.settings.webhookUrl())
			.timeout(this.settings.requestTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "mfa-portal")
			.header(EVENT_HEADER, event.eventId())
			.header(SIGNATURE_HEADER, "sha256=" + sign(raw, this.settings.webhookSecret()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(raw))
			.build();
		CompletableFuture<HttpResponse<String>> pending = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.ofString());
		try {
			// The whole answer, body included, within the timeout: a receiver that sends
			// headers and then hangs must not hold the sender.
			HttpResponse<String> response = pending.get(this.settings.requestTimeout().toMillis(),
					TimeUnit.MILLISECONDS);
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Answer(status, null);
			}
			String said = response.body().strip();
			return new Answer(status, "HTTP " + status + ((said.isEmpty()) ? "" : ": " + said));
		}
		catch (TimeoutException ex) {
			pending.cancel(true);
			return noAnswer();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				// The client's own timeout can fire a moment before the wait above ends:
				// the
				// same fact, said the same way.
				return noAnswer();
			}
			return new Answer(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(null, "interrupted");
		}
	}

	static String sign(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
