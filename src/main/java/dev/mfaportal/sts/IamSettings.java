package dev.mfaportal.sts;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the portal reaches IAM (ListMFADevices, and rotation's ListAccessKeys,
 * CreateAccessKey and DeleteAccessKey), apart from STS: an STS endpoint (a VPC endpoint,
 * a regional one, a proxy) is no place to send IAM calls and the signed keys with them.
 *
 * @param endpoint IAM endpoint; unset, IAM's own ({@code https://iam.amazonaws.com})
 */
@ConfigurationProperties("portal.iam")
public record IamSettings(URI endpoint) {

}
