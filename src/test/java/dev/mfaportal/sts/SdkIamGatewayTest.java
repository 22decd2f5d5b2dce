package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM is reached at {@code portal.iam.endpoint}, never at STS's endpoint: a VPC endpoint
 * or proxy set for STS is no place to send IAM calls and their signed keys.
 */
class SdkIamGatewayTest {

	static final EmulatedUser USER = EmulatedAccounts.user("iamendpoint");

	static final TestEmulator iam = TestEmulator.start(EmulatorSettings.of(USER));

	@AfterAll
	static void stop() {
		iam.close();
	}

	@Test
	void listAccessKeysWhenStsAndIamEndpointsDifferThenIamIsAskedAtItsOwn() {
		// STS's endpoint is a closed port: a call sent there fails.
		StsSettings sts = new StsSettings(null, "us-east-1", URI.create("http://127.0.0.1:9"), Duration.ofSeconds(3),
				Duration.ofSeconds(10));
		SdkIamGateway gateway = new SdkIamGateway(sts, new IamSettings(iam.endpoint()),
				UrlConnectionHttpClient.create());
		try {
			StsCaller caller = new StsCaller("test", StaticCredentialsProvider
				.create(AwsBasicCredentials.create(USER.accessKeyId(), USER.secretAccessKey())), "us-east-1", null);

			assertThat(gateway.listAccessKeys(caller)).extracting(IamGateway.AccessKeyInfo::accessKeyId)
				.containsExactly(USER.accessKeyId());
		}
		finally {
			gateway.destroy();
		}
		assertThat(iam.recordedRequests()).extracting(RecordedRequest::action).containsExactly("ListAccessKeys");
	}

}
