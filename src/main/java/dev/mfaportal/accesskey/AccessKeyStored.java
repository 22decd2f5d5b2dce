package dev.mfaportal.accesskey;

import java.time.Instant;

/**
 * A member stored a long-term access key. Names it by label and masked id; the secret is
 * never in the event.
 *
 * @param at when
 * @param owner whose key it is, who stored it
 * @param label the name its owner gave it
 * @param maskedAccessKeyId the access key id, masked
 */
public record AccessKeyStored(Instant at, String owner, String label, String maskedAccessKeyId) {

}
