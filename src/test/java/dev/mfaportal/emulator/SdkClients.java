package dev.mfaportal.emulator;

import java.net.URI;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The real SDK client as the portal builds it, pointed at the emulator. No retries: a
 * retried call would resend a one-time code, and tests must see the first answer.
 */
final class SdkClients {

	private SdkClients() {
	}

	static StsClient sts(URI endpoint, Region region, AwsCredentialsProvider credentials) {
		return StsClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(endpoint)
			.region(region)
			.credentialsProvider(credentials)
			.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	static StsClient sts(URI endpoint, AwsCredentials credentials) {
		return sts(endpoint, Region.US_EAST_1, StaticCredentialsProvider.create(credentials));
	}

	static StsClient demoUser(URI endpoint) {
		return sts(endpoint,
				AwsBasicCredentials.create(EmulatedUser.DEMO_ACCESS_KEY_ID, EmulatedUser.DEMO_SECRET_ACCESS_KEY));
	}

	static StsClient session(URI endpoint, Credentials issued) {
		return sts(endpoint, credentials(issued));
	}

	static AwsSessionCredentials credentials(Credentials issued) {
		return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
	}

	/**
	 * IAM is global, hence {@code aws-global}; with an endpoint override the SDK signs
	 * for that region (against AWS it would be {@code us-east-1}) and the service
	 * {@code iam}.
	 */
	static IamClient iam(URI endpoint, AwsCredentials credentials) {
		return IamClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.endpointOverride(endpoint)
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	/**
	 * The STS error a call ended in; fails the test if it succeeded or failed otherwise.
	 */
	static StsException stsError(ThrowingCallable call) {
		StsException error = catchThrowableOfType(StsException.class, call);
		if (error == null) {
			throw new AssertionError("Expected the call to fail with an StsException");
		}
		return error;
	}

	/**
	 * The IAM error a call ended in; fails the test if it succeeded or failed otherwise.
	 */
	static IamException iamError(ThrowingCallable call) {
		IamException error = catchThrowableOfType(IamException.class, call);
		if (error == null) {
			throw new AssertionError("Expected the call to fail with an IamException");
		}
		return error;
	}

	/** The error's HTTP status, AWS error code and message, as AWS answers them. */
	static void assertError(AwsServiceException error, int status, String code, String message) {
		assertThat(error.statusCode()).isEqualTo(status);
		assertError(error, code, message);
	}

	/** The error's AWS error code and message, as AWS answers them. */
	static void assertError(AwsServiceException error, String code, String message) {
		assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
		assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
	}

}
