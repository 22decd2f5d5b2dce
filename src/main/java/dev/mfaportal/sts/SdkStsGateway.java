package dev.mfaportal.sts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
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
			BiFunction<StsClient, AwsCredentialsProvider, T> signedWithKeys) {
		return this.timer.time(operation, () -> {
			// Resolved here rather than inside the SDK's call, where a failure is
			// indistinguishable from any other client error.
			AwsCredentialsProvider keys = caller.pinned().credentials();
			try {
				return signedWithKeys.apply(client(caller), keys);
			}
			catch (SdkException ex) {
				throw StsErrors.classify(ex);
			}
		});
	}

	private static TemporaryCredentials temporary(Credentials credentials, String requestId) {
		return new TemporaryCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
				credentials.sessionToken(), credentials.expiration(), requestId);
	}

	private StsClient client(StsCaller caller) {
		return this.clients.computeIfAbsent(ClientKey.of(caller, this.settings.endpoint(), caller.region()),
				this::build);
	}

	private StsClient build(ClientKey key) {
		StsClientBuilder builder = key.configure(StsClient.builder(), this.httpClient, this.settings.callTimeout());
		if (key.profile() != null && key.profile().legacyGlobalEndpoint()) {
			builder.endpointProvider((params) -> StsEndpointProvider.defaultProvider()
				.resolveEndpoint(params.toBuilder().useGlobalEndpoint(true).build()));
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

	@Override
	public void destroy() {
		// The shared HTTP client is closed by its own bean.
		this.clients.values().forEach(StsClient::close);
	}

}
