package dev.mfaportal.sts;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;
import software.amazon.awssdk.services.sts.model.Tag;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link StsGateway} through the AWS SDK's {@code StsClient}: one client per region,
 * endpoint and signing profile's endpoint settings, built on first use and reused, all
 * sharing one HTTP client. The caller's keys are resolved and passed with each call.
 * Every call is timed ({@link StsCallTimer}).
 */
@Component
class SdkStsGateway implements StsGateway, DisposableBean {

	private final StsSettings settings;

	private final SdkHttpClient httpClient;

	private final StsCallTimer timer;

	private final Map<ClientKey, StsClient> clients = new ConcurrentHashMap<>();

	SdkStsGateway(StsSettings settings, SdkHttpClient httpClient, MeterRegistry meters) {
		this.settings = settings;
		this.httpClient = httpClient;
		this.timer = new StsCallTimer(meters);
	}

	@Override
	public TemporaryCredentials getSessionToken(StsCaller caller, SessionTokenRequest request) {
		return call("GetSessionToken", caller, (client, keys) -> {
			GetSessionTokenResponse response = client
				.getSessionToken((token) -> token.serialNumber(request.serialNumber())
					.tokenCode(request.tokenCode())
					.durationSeconds(request.durationSeconds())
					.overrideConfiguration((call) -> call.credentialsProvider(keys)));
			return temporary(response.credentials(), response.responseMetadata().requestId());
		});
	}

	@Override
	public RoleCredentials assumeRole(StsCaller caller, RoleRequest request) {
		return call("AssumeRole", caller, (client, keys) -> {
			AssumeRoleResponse response = client.assumeRole((role) -> {
				role.roleArn(request.roleArn())
					.roleSessionName(request.roleSessionName())
					.externalId(request.externalId())
					.serialNumber(request.serialNumber())
					.tokenCode(request.tokenCode())
					.durationSeconds(request.durationSeconds())
					.overrideConfiguration((call) -> call.credentialsProvider(keys));
				role.sourceIdentity(request.trail().sourceIdentity());
				// only when there are any: an empty list would still be sent, as "Tags="
				if (!request.trail().tags().isEmpty()) {
					role.tags(request.trail()
						.tags()
						.entrySet()
						.stream()
						.map((tag) -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
						.toList());
				}
			});
			return new RoleCredentials(temporary(response.credentials(), response.responseMetadata().requestId()),
					response.assumedRoleUser().arn(), response.assumedRoleUser().assumedRoleId());
		});
	}

	@Override
	public CallerIdentity callerIdentity(StsCaller caller) {
		return call("GetCallerIdentity", caller, (client, keys) -> {
			GetCallerIdentityResponse identity = client
				.getCallerIdentity((call) -> call.overrideConfiguration((config) -> config.credentialsProvider(keys)));
			return new CallerIdentity(identity.account(), identity.arn(), identity.userId());
		});
	}

	/**
	 * One STS operation, timed: the caller's keys resolved first, then the operation on
	 * the shared client, which signs it with them; an SDK failure becomes the
	 * {@link StsCallException} that says what STS answered.
	 */
	private <T> T call(String operation, StsCaller caller,
			BiFunction<StsClient, StaticCredentialsProvider, T> signedWithKeys) {
		return this.timer.time(operation, () -> {
			StaticCredentialsProvider keys = keys(caller);
			try {
				return signedWithKeys.apply(client(caller), keys);
			}
			catch (SdkException ex) {
				throw StsErrors.classify(ex);
			}
		});
	}

	/**
	 * The caller's keys, resolved here rather than inside the SDK's call, where a failure
	 * is indistinguishable from any other client error; the call is then signed with
	 * them.
	 */
	private static StaticCredentialsProvider keys(StsCaller caller) {
		try {
			AwsCredentials keys = caller.credentials().resolveCredentials();
			return StaticCredentialsProvider.create(keys);
		}
		catch (SdkException ex) {
			throw new StsCallException(StsFailure.NO_CREDENTIALS, null, null, null, ex);
		}
	}

	private static TemporaryCredentials temporary(Credentials credentials, String requestId) {
		return new TemporaryCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
				credentials.sessionToken(), credentials.expiration(), requestId);
	}

	/**
	 * One client per region, endpoint and signing profile's endpoint settings, whoever
	 * calls: the keys go with each call, so a client per credential source only cost
	 * memory (a team of 200 held 200 clients) and a slow first issue for each source.
	 */
	private StsClient client(StsCaller caller) {
		URI endpoint = (caller.endpoint() != null) ? caller.endpoint() : this.settings.endpoint();
		// An endpoint the portal names wins over the profile's settings, which would
		// only conflict with it (FIPS and a custom endpoint are refused together).
		SigningProfile profile = (endpoint != null) ? null : caller.profile();
		return this.clients.computeIfAbsent(new ClientKey(caller.region(), endpoint, profile), this::build);
	}

	private StsClient build(ClientKey key) {
		SigningProfile profile = key.profile();
		StsClientBuilder builder = StsClient.builder()
			.httpClient(this.httpClient)
			.region(Region.of(key.region()))
			// Keys go with each call, never into the cached client: a client outlives the
			// request, and a key used once must not stay in memory with it.
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.overrideConfiguration((config) -> {
				config.apiCallTimeout(this.settings.callTimeout())
					.apiCallAttemptTimeout(this.settings.callTimeout())
					.retryStrategy(onlyBeforeStsWasReached());
				if (profile != null) {
					// The SDK resolves FIPS, dual-stack and endpoint_url from the
					// profile whose keys sign, not from AWS_PROFILE's.
					config.defaultProfileFile(profile.profileFile()).defaultProfileName(SigningProfile.NAME);
				}
			});
		if (profile != null && profile.legacyGlobalEndpoint()) {
			builder.endpointProvider((params) -> StsEndpointProvider.defaultProvider()
				.resolveEndpoint(params.toBuilder().useGlobalEndpoint(true).build()));
		}
		if (key.endpoint() != null) {
			builder.endpointOverride(key.endpoint());
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// AWS_PROFILE's file, read by the SDK for keys of no profile (a value it
			// refuses, such as use_fips_endpoint = yes): not the SDK's message, which
			// may quote a line of the file.
			throw new StsCallException(StsFailure.PROFILE_FILE_UNREADABLE, null, null, null, null);
		}
	}

	/** What a client is built from; the keys are not part of it. */
	private record ClientKey(String region, URI endpoint, SigningProfile profile) {
	}

	/**
	 * STS refuses an MFA code it has seen, so only a call that never reached it (no
	 * connection) is tried again; throttling and server errors are reported, not retried.
	 */
	static RetryStrategy onlyBeforeStsWasReached() {
		return StandardRetryStrategy.builder()
			.useClientDefaults(false)
			.maxAttempts(3)
			.circuitBreakerEnabled(false)
			.retryOnException(StsErrors::neverReachedSts)
			.backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
			.build();
	}

	@Override
	public void destroy() {
		// The shared HTTP client is closed by its own bean.
		this.clients.values().forEach(StsClient::close);
	}

}
