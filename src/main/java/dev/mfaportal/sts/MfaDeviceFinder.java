package dev.mfaportal.sts;

import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Finds the MFA device of a set of keys: GetCallerIdentity names the account and the
 * user, and IAM's ListMFADevices (when the user may call it) lists the real devices. IAM
 * is global, asked at {@code portal.iam.endpoint} where one is set (the emulator), never
 * at STS's. Its IAM calls are in {@link IamClients}, made at the first of them, so a
 * portal that never looks for a device loads no IAM classes.
 */
@Component
public class MfaDeviceFinder implements DisposableBean {

	private final StsGateway sts;

	private final LazyIamClients iam;

	MfaDeviceFinder(StsGateway sts, StsSettings settings, IamSettings iamSettings, SdkHttpClient httpClient) {
		this.sts = sts;
		this.iam = new LazyIamClients(() -> new IamClients(settings, iamSettings, httpClient));
	}

	/**
	 * @param caller whose keys
	 * @return the identity, a suggestion and the listed devices
	 * @throws StsCallException when the keys don't work at all
	 */
	public DeviceFinding find(StsCaller caller) {
		CallerIdentity identity = this.sts.callerIdentity(caller);
		try {
			List<String> devices = this.iam.get().mfaDevices(caller);
			return new DeviceFinding(identity, identity.suggestedMfaArn(), devices, true);
		}
		catch (SdkException notAllowedOrUnreachable) {
			// IAM may well deny iam:ListMFADevices; the suggestion still helps.
			return new DeviceFinding(identity, identity.suggestedMfaArn(), List.of(), false);
		}
	}

	@Override
	public void destroy() {
		this.iam.close();
	}

}
