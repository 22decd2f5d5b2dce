package dev.mfaportal.emulator;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.RegionDisabledException;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.mfaportal.emulator.SdkClients.stsError;
import static dev.mfaportal.emulator.SdkClients.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The faults the portal's tests inject, as the real SDK client sees them.
 */
class FaultInjectionSdkTest {

	/** Standing still, so the requests of a throttling test fall into one second. */
	@RegisterExtension
	final EmulatorPerTest emulator = new EmulatorPerTest(EmulatorSettings.demo());

	@Test
	void callWhenSignedForDisabledRegionThenRegionDisabledException() {
		this.emulator.server.setDisabledRegions(Set.of("ap-east-1"));
		try (StsClient hongKong = SdkClients.sts(this.emulator.server.endpoint(), Region.AP_EAST_1,
				StaticCredentialsProvider.create(AwsBasicCredentials.create(EmulatedUser.DEMO_ACCESS_KEY_ID,
						EmulatedUser.DEMO_SECRET_ACCESS_KEY)))) {
			RegionDisabledException error = catchThrowableOfType(RegionDisabledException.class,
					() -> hongKong.getSessionToken());
			assertError(error, 403, "RegionDisabledException",
					"STS is not activated in this region for account:123456789012. "
							+ "Your account administrator can activate STS in this region using the IAM Console.");
		}
		assertThat(this.emulator.sts.getCallerIdentity().account()).isEqualTo("123456789012");
	}

	@Test
	void callWhenAboveRequestsPerSecondThenThrottling() {
		this.emulator.server.setMaxRequestsPerSecond(2);
		this.emulator.sts.getCallerIdentity();
		this.emulator.sts.getCallerIdentity();
		StsException error = stsError(this.emulator.sts::getCallerIdentity);
		assertError(error, 400, "Throttling", "Rate exceeded");
		this.emulator.clock.advance(Duration.ofSeconds(1));
		assertThat(this.emulator.sts.getCallerIdentity().account()).isEqualTo("123456789012");
	}

	@Test
	void callWhenForcedFailureThenThatErrorUntilCleared() {
		this.emulator.server.setForcedFailure(ForcedFailure.internalFailure());
		StsException error = stsError(this.emulator.sts::getSessionToken);
		assertThat(error.statusCode()).isEqualTo(500);
		assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
		assertThat(this.emulator.server.recordedRequests()).singleElement()
			.satisfies((recorded) -> assertThat(recorded.errorCode()).isEqualTo("InternalFailure"));
		this.emulator.server.setForcedFailure(null);
		assertThat(this.emulator.sts.getSessionToken().credentials().accessKeyId()).startsWith("ASIA");
	}

	@Test
	void callWhenResponseDelayedAndManyClientsAtOnceThenAllAnswered() throws Exception {
		this.emulator.server.setResponseDelay(Duration.ofMillis(300));
		int clients = 24;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<String>> answers = pool
				.invokeAll(Collections.nCopies(clients, () -> this.emulator.sts.getCallerIdentity().account()));
			for (Future<String> answer : answers) {
				assertThat(answer.get()).isEqualTo("123456789012");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.emulator.server.recordedRequests()).hasSize(clients);
	}

}
