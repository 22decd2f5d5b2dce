package dev.mfaportal.sts;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.iam.model.AccessKey;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link IamGateway} through the SDK's {@code IamClient} ({@code aws-global}, signed for
 * us-east-1), one per endpoint: the caller's, else {@code portal.iam.endpoint} (the
 * emulator answers both), else IAM's own. Built only when a key is rotated or its age
 * asked, so a portal that never does either loads no IAM classes for it.
 */
@Component
@Lazy
class SdkIamGateway implements IamGateway, DisposableBean {

	private final StsSettings settings;

	private final IamSettings iamSettings;

	private final SdkHttpClient httpClient;

	private final Map<String, IamClient> clients = new ConcurrentHashMap<>();

	SdkIamGateway(StsSettings settings, IamSettings iamSettings, SdkHttpClient httpClient) {
		this.iamSettings = iamSettings;
		this.settings = settings;
		this.httpClient = httpClient;
	}

	@Override
	public NewAccessKey createAccessKey(StsCaller caller) {
		return call(caller, (client, keys) -> {
			AccessKey key = client
				.createAccessKey((create) -> create.overrideConfiguration((call) -> call.credentialsProvider(keys)))
				.accessKey();
			return new NewAccessKey(key.accessKeyId(), key.secretAccessKey(), key.createDate());
		});
	}

	@Override
	public void deleteAccessKey(StsCaller caller, String accessKeyId) {
		call(caller, (client, keys) -> client.deleteAccessKey((delete) -> delete.accessKeyId(accessKeyId)
			.overrideConfiguration((call) -> call.credentialsProvider(keys))));
	}

	@Override
	public List<AccessKeyInfo> listAccessKeys(StsCaller caller) {
		return call(caller,
				(client, keys) -> client
					.listAccessKeys((list) -> list.overrideConfiguration((call) -> call.credentialsProvider(keys)))
					.accessKeyMetadata()
					.stream()
					.map((key) -> new AccessKeyInfo(key.accessKeyId(), key.statusAsString(), key.createDate()))
					.toList());
	}

	private <T> T call(StsCaller caller, BiFunction<IamClient, StaticCredentialsProvider, T> signed) {
		StaticCredentialsProvider keys;
		try {
			keys = StaticCredentialsProvider.create(caller.credentials().resolveCredentials());
		}
		catch (SdkException ex) {
			throw new IamCallException(null, null, null, ex);
		}
		try {
			return signed.apply(client(caller), keys);
		}
		catch (AwsServiceException ex) {
			String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
			String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
			throw new IamCallException(code, message, ex.requestId(), ex);
		}
		catch (SdkException ex) {
			throw new IamCallException(null, null, null, ex);
		}
	}

	private IamClient client(StsCaller caller) {
		URI endpoint = (caller.endpoint() != null) ? caller.endpoint() : this.iamSettings.endpoint();
		return this.clients.computeIfAbsent(String.valueOf(endpoint), (key) -> {
			IamClientBuilder builder = IamClient.builder()
				.httpClient(this.httpClient)
				.region(Region.AWS_GLOBAL)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				// CreateAccessKey twice would make two keys: only a call that never
				// reached IAM is tried again.
				.overrideConfiguration((config) -> config.apiCallTimeout(this.settings.callTimeout())
					.retryStrategy(SdkStsGateway.onlyBeforeStsWasReached()));
			if (endpoint != null) {
				builder.endpointOverride(endpoint);
			}
			return builder.build();
		});
	}

	@Override
	public void destroy() {
		this.clients.values().forEach(IamClient::close);
	}

}
