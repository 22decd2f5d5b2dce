package dev.mfaportal.sts;

import java.util.List;

/**
 * What "Find my MFA device" learned about a set of keys.
 *
 * @param identity who the keys belong to
 * @param suggestion the MFA ARN a virtual device named after the user would have, or
 * {@code null}
 * @param devices the user's real MFA devices, when IAM allowed listing them
 * @param listed whether IAM allowed listing them (ListMFADevices)
 */
public record DeviceFinding(CallerIdentity identity, String suggestion, List<String> devices, boolean listed) {

}
