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
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.mfaportal.snippet.Json;

/**
 * One POST of one event to the webhook: signed as GitHub signs its webhooks (HMAC-SHA256
 * of the raw body, {@code X-MfaPortal-Signature: sha256=HEX}), its id in
 * {@code X-MfaPortal-Event} for de-duplication, with timeouts and no redirect followed: a
 * redirect is a failure, so nothing is ever posted to where the receiver points.
 * <p>
 * What the receiver answers is kept as the event's last error, so it is read only up to
 * {@link #READ_SIZE} bytes and kept as one line of plain text, at most
 * {@link #ERROR_SIZE} characters: a receiver (or whatever answers at its address) can't
 * fill the database or the page, nor put a terminal's escape codes into them.
 */
final class WebhookPost {

	static final String SIGNATURE_HEADER = "X-MfaPortal-Signature";

	static final String EVENT_HEADER = "X-MfaPortal-Event";

	/** How much of the receiver's answer is kept as the last error, at most. */
	static final int ERROR_SIZE = 300;

	/** How much of the receiver's answer is read, at most. */
	static final int READ_SIZE = 2048;

	/** Control and format characters (escapes, bidi overrides) and whitespace runs. */
	private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Z}\\s]+");

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
				(info) -> new CappedBody(READ_SIZE));
		try {
			// The whole answer, body included, within the timeout: a receiver that sends
			// headers and then hangs must not hold the sender.
			HttpResponse<String> response = pending.get(this.settings.requestTimeout().toMillis(),
					TimeUnit.MILLISECONDS);
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Answer(status, null);
			}
			String said = plain(response.body());
			return new Answer(status, plain("HTTP " + status + ((said.isEmpty()) ? "" : ": " + said)));
		}
		catch (TimeoutException ex) {
			pending.cancel(true);
			return noAnswer();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof HttpTimeoutException) {
				// the client's own timeout, the same, may come first
				return noAnswer();
			}
			return new Answer(null, plain(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(null, "interrupted");
		}
	}

	private Answer noAnswer() {
		return new Answer(null, "no answer within " + this.settings.requestTimeout().toMillis() + " ms");
	}

	/**
	 * One line of printable text: each run of control, format or space characters one
	 * space, cut to {@link #ERROR_SIZE} (never inside a surrogate pair).
	 */
	static String plain(String said) {
		String text = UNPRINTABLE.matcher(said).replaceAll(" ").strip();
		if (text.length() <= ERROR_SIZE) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(ERROR_SIZE - 1)) ? ERROR_SIZE - 1 : ERROR_SIZE;
		return text.substring(0, end);
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
