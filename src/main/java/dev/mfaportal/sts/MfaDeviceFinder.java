package dev.mfaportal.sts;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.iam.model.MFADevice;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Finds the MFA device of a set of keys: GetCallerIdentity names the account and the
 * user, and IAM's ListMFADevices (when the user may call it) lists the real devices. IAM
 * is global, asked at {@code portal.iam.endpoint} where one is set (the emulator), never
 * at STS's.
 */
@Component
public class MfaDeviceFinder implements DisposableBean {

	private final StsGateway sts;

	private final StsSettings settings;

	private final IamSettings iamSettings;

	private final SdkHttpClient httpClient;

	private final Map<String, IamClient> clients = new ConcurrentHashMap<>();

	MfaDeviceFinder(StsGateway sts, StsSettings settings, IamSettings iamSettings, SdkHttpClient httpClient) {
		this.iamSettings = iamSettings;
		this.sts = sts;
		this.settings = settings;
		this.httpClient = httpClient;
	}

	/**
	 * @param caller whose keys
	 * @return the identity, a suggestion and the listed devices
	 * @throws StsCallException when the keys don't work at all
	 */
	public DeviceFinding find(StsCaller caller) {
		CallerIdentity identity = this.sts.callerIdentity(caller);
		try {
			StaticCredentialsProvider keys = StaticCredentialsProvider
				.create(caller.credentials().resolveCredentials());
			List<String> devices = client(caller)
				.listMFADevices((list) -> list.overrideConfiguration((call) -> call.credentialsProvider(keys)))
				.mfaDevices()
				.stream()
				.map(MFADevice::serialNumber)
				.toList();
			return new DeviceFinding(identity, identity.suggestedMfaArn(), devices, true);
		}
		catch (SdkException notAllowedOrUnreachable) {
			// IAM may well deny iam:ListMFADevices; the suggestion still helps.
			return new DeviceFinding(identity, identity.suggestedMfaArn(), List.of(), false);
		}
	}

	private IamClient client(StsCaller caller) {
		URI endpoint = (caller.endpoint() != null) ? caller.endpoint() : this.iamSettings.endpoint();
		return this.clients.computeIfAbsent(String.valueOf(endpoint), (key) -> {
			IamClientBuilder builder = IamClient.builder()
				.httpClient(this.httpClient)
				.region(Region.AWS_GLOBAL)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.overrideConfiguration((config) -> config.apiCallTimeout(this.settings.callTimeout()));
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
