package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * What an SDK client of the portal (STS's, IAM's) is built from and cached by: a region,
 * an endpoint, the signing profile's endpoint settings; never the keys, which go with
 * each call. One client per key, whoever calls: a client per credential source only cost
 * memory (a team of 200 held 200 clients) and a slow first call for each source.
 *
 * @param region the region the client signs for
 * @param endpoint the endpoint the portal names, or {@code null}
 * @param profile the endpoint settings of the profile whose keys sign, where the portal
 * names no endpoint; {@code null} for keys of no profile: then {@code AWS_PROFILE}'s, as
 * the SDK reads them
 */
record ClientKey(String region, URI endpoint, SigningProfile profile) {

	/**
	 * @param caller whose keys sign
	 * @param configured the endpoint the portal's settings name for the service, or
	 * {@code null}
	 * @param region the region to sign for
	 */
	static ClientKey of(StsCaller caller, URI configured, String region) {
		URI endpoint = (caller.endpoint() != null) ? caller.endpoint() : configured;
		// An endpoint the portal names wins over the profile's settings, which would
		// only conflict with it (FIPS and a custom endpoint are refused together).
		return new ClientKey(region, endpoint, (endpoint != null) ? null : caller.profile());
	}

	/**
	 * A builder of the service's client for this key, over the portal's one HTTP client,
	 * with no keys of its own: they go with each call, never into the cached client,
	 * since a client outlives the request and a key used once must not stay in memory
	 * with it.
	 */
	<B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, SdkHttpClient http,
			Duration callTimeout) {
		builder.httpClient(http)
			.region(Region.of(this.region))
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.overrideConfiguration((config) -> {
				config.apiCallTimeout(callTimeout)
					.apiCallAttemptTimeout(callTimeout)
					.retryStrategy(onlyBeforeAwsWasReached());
				if (this.profile != null) {
					// The SDK resolves FIPS, dual-stack and endpoint_url from the
					// profile whose keys sign, not from AWS_PROFILE's.
					config.defaultProfileFile(this.profile.profileFile()).defaultProfileName(SigningProfile.NAME);
				}
			});
		if (this.endpoint != null) {
			builder.endpointOverride(this.endpoint);
		}
		return builder;
	}

	/**
	 * STS refuses an MFA code it has seen, and CreateAccessKey twice would make two keys,
	 * so only a call that never reached AWS (no connection) is tried again; throttling
	 * and server errors are reported, not retried.
	 */
	private static RetryStrategy onlyBeforeAwsWasReached() {
		return StandardRetryStrategy.builder()
			.useClientDefaults(false)
			.maxAttempts(3)
			.circuitBreakerEnabled(false)
			.retryOnException(StsErrors::neverReachedSts)
			.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
			.build();
	}

}
