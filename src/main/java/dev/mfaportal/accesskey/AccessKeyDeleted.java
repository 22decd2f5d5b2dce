package dev.mfaportal.accesskey;

import java.time.Instant;

/**
 * A member deleted one of their stored access keys.
 *
 * @param at when
 * @param owner whose key it was, who deleted it
 * @param label the name its owner gave it
 * @param maskedAccessKeyId the access key id, masked
 */
public record AccessKeyDeleted(Instant at, String owner, String label, String maskedAccessKeyId) {

}
