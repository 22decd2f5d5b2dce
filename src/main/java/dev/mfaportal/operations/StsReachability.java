package dev.mfaportal.operations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mfaportal.sts.StsSettings;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether a TCP connection to the STS endpoint opens: the health contributor
 * {@code stsEndpoint}, shown at {@code /actuator/health/sts}. STS being away is not the
 * portal being down, so its status is {@link #UNREACHABLE}, which the overall health
 * ignores (it is not in the default status order) while the {@code sts} group orders it
 * first and answers 503.
 * <p>
 * A health probe never waits for STS: it gets the last result, and a result older than
 * {@link #MAX_AGE} starts a fresh check in the background.
 *
 * @see OperationsConfiguration
 */
class StsReachability implements HealthIndicator, DisposableBean {

	static final Status UNREACHABLE = new Status("UNREACHABLE", "STS cannot be reached");

	static final Duration MAX_AGE = Duration.ofSeconds(30);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final URI endpoint;

	private final Clock clock;

	private final ExecutorService checker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "sts-reachability");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean checking = new AtomicBoolean();

	private volatile Health last = Health.unknown().withDetail("checked", "not yet").build();

	private volatile Instant checkedAt = Instant.MIN;

	StsReachability(URI endpoint, Clock clock) {
		this.endpoint = endpoint;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Health known = this.last;
		if (Duration.between(this.checkedAt, this.clock.instant()).compareTo(MAX_AGE) > 0
				&& this.checking.compareAndSet(false, true)) {
			this.checker.execute(this::check);
		}
		return known;
	}

	private void check() {
		try {
			this.last = probe().withDetail("endpoint", this.endpoint.toString())
				.withDetail("checkedAt", this.clock.instant().toString())
				.build();
			this.checkedAt = this.clock.instant();
		}
		finally {
			this.checking.set(false);
		}
	}

	private Health.Builder probe() {
		int port = (this.endpoint.getPort() != -1) ? this.endpoint.getPort()
				: ("http".equalsIgnoreCase(this.endpoint.getScheme()) ? 80 : 443);
		long start = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.endpoint.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
			return Health.up().withDetail("connectMillis", (System.nanoTime() - start) / 1_000_000);
		}
		catch (IOException | IllegalArgumentException ex) {
			return Health.status(UNREACHABLE).withDetail("error", ex.getClass().getSimpleName());
		}
	}

	/**
	 * The endpoint the SDK would call for keys that name no region or endpoint of their
	 * own.
	 */
	static URI endpoint(StsSettings settings, Map<String, String> environment) {
		if (settings.endpoint() != null) {
			return settings.endpoint();
		}
		for (String variable : new String[] { "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL" }) {
			String value = environment.get(variable);
			if (value != null && !value.isBlank()) {
				return URI.create(value.trim());
			}
		}
		String region = settings.region();
		for (String variable : new String[] { "AWS_REGION", "AWS_DEFAULT_REGION" }) {
			if (region == null || region.isBlank()) {
				region = environment.get(variable);
			}
		}
		if (region == null || region.isBlank()) {
			region = settings.defaultRegion();
		}
		return URI.create("https://sts." + region.trim() + ".amazonaws.com");
	}

	@Override
	public void destroy() {
		this.checker.shutdownNow();
	}

}
