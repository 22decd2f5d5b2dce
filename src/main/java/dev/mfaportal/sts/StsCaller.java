package dev.mfaportal.sts;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Whose long-term keys sign a call, and where it goes.
 *
 * @param id stable id of the credential source
 * @param credentials the long-term keys
 * @param region the region to sign for and call
 * @param endpoint an endpoint for this source only (the demo emulator), or {@code null}
 * @param profile the endpoint settings of the profile the keys come from, or {@code null}
 * for keys of no profile: then those of {@code AWS_PROFILE}, as the SDK reads them
 */
public record StsCaller(String id, AwsCredentialsProvider credentials, String region, URI endpoint,
		SigningProfile profile) {

	public StsCaller(String id, AwsCredentialsProvider credentials, String region, URI endpoint) {
		this(id, credentials, region, endpoint, null);
	}

}
