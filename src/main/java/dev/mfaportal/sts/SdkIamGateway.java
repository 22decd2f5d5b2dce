package dev.mfaportal.sts;

import java.util.List;

import software.amazon.awssdk.http.SdkHttpClient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * IAM through the AWS SDK, for key rotation: ListAccessKeys, CreateAccessKey and
 * DeleteAccessKey, each signed with the caller's keys. The calls themselves are in
 * {@link IamClients}, made at the first of them, so a portal that never rotates nor asks
 * a key's age loads no IAM classes.
 */
@Component
@Lazy
class SdkIamGateway implements IamGateway, DisposableBean {

	private final LazyIamClients iam;

	SdkIamGateway(StsSettings settings, IamSettings iamSettings, SdkHttpClient httpClient) {
		this.iam = new LazyIamClients(() -> new IamClients(settings, iamSettings, httpClient));
	}

	@Override
	public NewAccessKey createAccessKey(StsCaller caller) {
		return this.iam.get().createAccessKey(caller);
	}

	@Override
	public void deleteAccessKey(StsCaller caller, String accessKeyId) {
		this.iam.get().deleteAccessKey(caller, accessKeyId);
	}

	@Override
	public List<AccessKeyInfo> listAccessKeys(StsCaller caller) {
		return this.iam.get().listAccessKeys(caller);
	}

	@Override
	public void destroy() {
		this.iam.close();
	}

}
