package dev.mfaportal.sts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The portal's own SDK gateways to STS and IAM, over one HTTP client as in the portal,
 * for tests of other features that drive them against the emulator without a Spring
 * context.
 */
public final class SdkGateways implements AutoCloseable {

	private final SdkHttpClient http;

	private final SdkStsGateway sts;

	private final SdkIamGateway iam;

	public SdkGateways(StsSettings settings, IamSettings iamSettings) {
		this.http = StsHttpClient.create(settings);
		this.sts = new SdkStsGateway(settings, this.http, new SimpleMeterRegistry());
		this.iam = new SdkIamGateway(settings, iamSettings, this.http);
	}

	public StsGateway sts() {
		return this.sts;
	}

	public IamGateway iam() {
		return this.iam;
	}

	@Override
	public void close() {
		this.sts.destroy();
		this.iam.destroy();
		this.http.close();
	}

}
