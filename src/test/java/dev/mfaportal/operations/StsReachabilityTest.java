package dev.mfaportal.operations;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class StsReachabilityTest {

	@Test
	void healthWhenEndpointListensThenUpAfterABackgroundCheck() throws Exception {
		try (ServerSocket sts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			StsReachability reachability = new StsReachability(URI.create("http://127.0.0.1:" + sts.getLocalPort()),
					Clock.systemUTC());
			assertThat(reachability.health().getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(settled(reachability).getStatus()).isEqualTo(Status.UP);
			reachability.destroy();
		}
	}

	@Test
	void healthWhenNothingListensThenUnreachableNotDown() throws Exception {
		int closedPort;
		try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = gone.getLocalPort();
		}
		StsReachability reachability = new StsReachability(URI.create("http://127.0.0.1:" + closedPort),
				Clock.systemUTC());
		Health health = settled(reachability);
		assertThat(health.getStatus()).isEqualTo(StsReachability.UNREACHABLE);
		assertThat(health.getDetails()).containsEntry("error", "ConnectException");
		reachability.destroy();
	}

	@Test
	void endpointWhenNothingConfiguredThenTheRegionalOneTheSdkWouldCall() {
		StsSettings none = new StsSettings(null, "us-east-1", null, Duration.ofSeconds(3), Duration.ofSeconds(20));
		assertThat(StsReachability.endpoint(none, Map.of())).hasToString("https://sts.us-east-1.amazonaws.com");
		assertThat(StsReachability.endpoint(none, Map.of("AWS_REGION", "eu-west-1")))
			.hasToString("https://sts.eu-west-1.amazonaws.com");
		assertThat(StsReachability.endpoint(none, Map.of("AWS_ENDPOINT_URL_STS", "http://sts.internal:4566")))
			.hasToString("http://sts.internal:4566");
		StsSettings configured = new StsSettings("ap-south-1", "us-east-1", URI.create("https://sts.example"),
				Duration.ofSeconds(3), Duration.ofSeconds(20));
		assertThat(StsReachability.endpoint(configured, Map.of("AWS_ENDPOINT_URL", "http://other")))
			.hasToString("https://sts.example");
	}

	private static Health settled(StsReachability reachability) throws InterruptedException {
		Health health = reachability.health();
		for (int i = 0; i < 200 && health.getStatus().equals(Status.UNKNOWN); i++) {
			Thread.sleep(20);
			health = reachability.health();
		}
		return health;
	}

}
