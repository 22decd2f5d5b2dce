package dev.mfaportal.sts;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.MFADevice;

import dev.mfaportal.sts.IamGateway.AccessKeyInfo;
import dev.mfaportal.sts.IamGateway.NewAccessKey;

/**
 * Every line of the portal that names an IAM type. Not a bean on purpose: Spring reads
 * the methods of every bean at start (for event listeners among others), and reading a
 * method loads the classes its signature names, lambdas' included. So IAM's classes load
 * only when this is first made, at the first IAM call.
 * <p>
 * IAM is global (us-east-1), one client per endpoint and signing profile's endpoint
 * settings: the caller's endpoint, else {@code portal.iam.endpoint} (the emulator answers
 * both), else where the AWS CLI would call IAM for the profile whose keys sign (its
 * {@code endpoint_url}, its services section's {@code iam} block, FIPS, dual-stack).
 */
final class IamClients implements AutoCloseable {

	private final StsSettings settings;

	private final IamSettings iamSettings;

	private final SdkHttpClient httpClient;

	private final Map<ClientKey, IamClient> clients = new ConcurrentHashMap<>();

	IamClients(StsSettings settings, IamSettings iamSettings, SdkHttpClient httpClient) {
		this.settings = settings;
		this.iamSettings = iamSettings;
		this.httpClient = httpClient;
	}

	List<String> mfaDevices(StsCaller caller) {
		StaticCredentialsProvider keys = StaticCredentialsProvider.create(caller.credentials().resolveCredentials());
		return client(caller)
			.listMFADevices((list) -> list.overrideConfiguration((call) -> call.credentialsProvider(keys)))
			.mfaDevices()
			.stream()
			.map(MFADevice::serialNumber)
			.toList();
	}

	NewAccessKey createAccessKey(StsCaller caller) {
		return call(caller, (client, keys) -> {
			AccessKey key = client
				.createAccessKey((create) -> create.overrideConfiguration((call) -> call.credentialsProvider(keys)))
				.accessKey();
			return new NewAccessKey(key.accessKeyId(), key.secretAccessKey(), key.createDate());
		});
	}

	void deleteAccessKey(StsCaller caller, String accessKeyId) {
		call(caller, (client, keys) -> client.deleteAccessKey((delete) -> delete.accessKeyId(accessKeyId)
			.overrideConfiguration((call) -> call.credentialsProvider(keys))));
	}

	List<AccessKeyInfo> listAccessKeys(StsCaller caller) {
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
		return this.clients.computeIfAbsent(ClientKey.of(caller, this.iamSettings.endpoint(), Region.AWS_GLOBAL.id()),
				this::build);
	}

	private IamClient build(ClientKey key) {
		try {
			return key.configure(IamClient.builder(), this.httpClient, this.settings.callTimeout()).build();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// A profile file the SDK refuses: a failed IAM call, not the SDK's words,
			// which may quote a line of the file.
			throw SdkClientException.create("The SDK refuses the AWS profile's settings for IAM");
		}
	}

	@Override
	public void close() {
		this.clients.values().forEach(IamClient::close);
	}

}
