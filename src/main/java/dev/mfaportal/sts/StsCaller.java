package dev.mfaportal.sts;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

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

	/**
	 * This caller with its keys read once, now: every call it signs then signs with the
	 * key that was there at this moment, whatever the store holds by the time STS
	 * answers, and the key that signed can be named afterwards.
	 * @throws StsCallException ({@link StsFailure#NO_CREDENTIALS}) when the keys can't be
	 * read (a locked vault, a profile without keys)
	 */
	public StsCaller pinned() {
		try {
			return new StsCaller(this.id, StaticCredentialsProvider.create(this.credentials.resolveCredentials()),
					this.region, this.endpoint, this.profile);
		}
		catch (SdkException ex) {
			throw new StsCallException(StsFailure.NO_CREDENTIALS, null, null, null, ex);
		}
	}

}
