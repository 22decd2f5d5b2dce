package dev.mfaportal.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The emulator on a JDK HTTP server bound to loopback, the endpoint an SDK client is
 * pointed at.
 */
public final class StsEmulatorServer implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(StsEmulatorServer.class.getName());

	/** STS bodies are a few hundred bytes; this only stops a runaway client. */
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	/** Enough for a test that holds many clients in a {@code responseDelay} at once. */
	private static final int PLATFORM_THREADS = 64;

	private final StsEmulator emulator;

	private final HttpServer server;

	private final ExecutorService executor;

	private volatile boolean dropping;

	private StsEmulatorServer(StsEmulator emulator, HttpServer server, ExecutorService executor) {
		this.emulator = emulator;
		this.server = server;
		this.executor = executor;
	}

	/** Starts on a free port of 127.0.0.1. */
	public static StsEmulatorServer start(EmulatorSettings settings, Clock clock) {
		return start(settings, clock, 0);
	}

	/** Starts on the given port of 127.0.0.1; 0 picks a free one. */
	public static StsEmulatorServer start(EmulatorSettings settings, Clock clock, int port) {
		StsEmulator emulator = new StsEmulator(settings, clock);
		ExecutorService executor = newExecutor();
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
			server.setExecutor(executor);
			StsEmulatorServer started = new StsEmulatorServer(emulator, server, executor);
			server.createContext("/", started::exchange);
			server.start();
			return started;
		}
		catch (IOException ex) {
			executor.shutdownNow();
			throw new UncheckedIOException("Cannot start the STS emulator on port " + port, ex);
		}
	}

	/**
	 * {@code http://127.0.0.1:PORT}, for {@code endpointOverride} or
	 * {@code AWS_ENDPOINT_URL_STS}.
	 */
	public URI endpoint() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * {@code http://127.0.0.1:PORT/federation}, standing in for
	 * {@code https://signin.aws.amazon.com/federation}.
	 */
	public URI federationEndpoint() {
		return URI.create(endpoint() + FederationEndpoint.PATH);
	}

	/**
	 * The running emulator: recorded requests and faults that can change while it runs.
	 */
	StsEmulator emulator() {
		return this.emulator;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * While on, every request is read and then its connection closed without an answer,
	 * as a proxy or load balancer that drops connections does.
	 */
	void setDroppingConnections(boolean dropping) {
		this.dropping = dropping;
	}

	private void exchange(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (this.dropping) {
				exchange.getRequestBody().readAllBytes();
				// closing before any response header is sent closes the connection itself
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readNBytes(MAX_BODY_BYTES + 1);
			}
			if (body.length > MAX_BODY_BYTES) {
				exchange.sendResponseHeaders(413, -1);
				return;
			}
			URI uri = exchange.getRequestURI();
			WireResponse response;
			try {
				response = this.emulator.handle(new WireRequest(exchange.getRequestMethod(), uri.getRawPath(),
						uri.getRawQuery(), exchange.getRequestHeaders(), body));
			}
			catch (RuntimeException ex) {
				// a bug of the emulator: say so loudly, answer like STS would in an
				// outage
				logger.log(Level.ERROR, "STS emulator failed on " + uri, ex);
				exchange.sendResponseHeaders(500, -1);
				return;
			}
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			// -1: no body at all (a redirect); 0 would announce a chunked one
			exchange.sendResponseHeaders(response.status(),
					(response.body().length == 0) ? -1 : response.body().length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response.body());
			}
		}
	}

	/**
	 * Virtual threads where the JDK has them (21+); this code is compiled for 17, hence
	 * reflection.
	 */
	private static ExecutorService newExecutor() {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			AtomicInteger count = new AtomicInteger();
			return Executors.newFixedThreadPool(PLATFORM_THREADS, (task) -> {
				Thread thread = new Thread(task, "sts-emulator-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
		}
	}

}
