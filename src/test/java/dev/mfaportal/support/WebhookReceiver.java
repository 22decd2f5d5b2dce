package dev.mfaportal.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real webhook receiver on 127.0.0.1, as a team's tool would run one: it records every
 * POST with its headers and whether its signature holds, and answers as the test tells it
 * (200, an error status, a hang, a redirect), or is down between {@link #stop()} and
 * {@link #start()} on the same port.
 */
public final class WebhookReceiver {

	/** One POST as it arrived. */
	public record Post(String eventId, String signature, String body, boolean signedWithTheSecret) {

	}

	private final String secret;

	private final List<Post> posts = new ArrayList<>();

	private int port;

	private HttpServer server;

	private volatile int status = 200;

	private volatile long hangMillis;

	private volatile String redirectTo;

	private volatile int hangsLeft;

	private volatile String reply = "receiver says no";

	public WebhookReceiver(String secret) {
		this.secret = secret;
		start();
	}

	public synchronized void start() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.port = this.server.getAddress().getPort();
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public synchronized void stop() {
		this.server.stop(0);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port + "/hook");
	}

	public void answer(int status) {
		answer(status, "receiver says no");
	}

	/** Answers {@code status}, with {@code body} when it is not 200. */
	public void answer(int status, String body) {
		this.status = status;
		this.reply = body;
		this.redirectTo = null;
		this.hangsLeft = 0;
	}

	/** Hangs the next {@code times} posts for {@code millis} before answering. */
	public void hang(int times, long millis) {
		this.hangsLeft = times;
		this.hangMillis = millis;
	}

	public void redirectTo(URI target) {
		this.redirectTo = target.toString();
	}

	public synchronized List<Post> posts() {
		return List.copyOf(this.posts);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String signature = exchange.getRequestHeaders().getFirst("X-MfaPortal-Signature");
		synchronized (this) {
			this.posts.add(new Post(exchange.getRequestHeaders().getFirst("X-MfaPortal-Event"), signature,
					new String(body, StandardCharsets.UTF_8), ("sha256=" + hmac(body)).equals(signature)));
		}
		if (this.hangsLeft > 0) {
			this.hangsLeft--;
			try {
				Thread.sleep(this.hangMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.redirectTo != null) {
			exchange.getResponseHeaders().add("Location", this.redirectTo);
			exchange.sendResponseHeaders(307, -1);
		}
		else {
			byte[] answer = (this.status == 200) ? new byte[0] : this.reply.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, (answer.length == 0) ? -1 : answer.length);
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	private String hmac(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
