package dev.mfaportal.profile;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where saved profiles go.
 *
 * @param credentialsFile the credentials file to write; unset, the one the AWS CLI reads
 * ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials})
 */
@ConfigurationProperties("portal.profile")
record ProfileSettings(Path credentialsFile) {

}
