package dev.mfaportal.policy;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Team mode's policy.
 *
 * @param policyFile the YAML file that says who may get which role, for how long and with
 * whose approval; when not set, every member may have anything STS accepts
 * @param policyPollInterval how often the file is checked for a change (time, size or
 * inode)
 * @param groupsClaim the single sign-on claim whose values count as the member's groups,
 * beside the policy's own; when not set, only the policy's groups count
 */
@ConfigurationProperties("portal.team")
@Validated
record PolicySettings(Path policyFile, @NotNull @DefaultValue("1s") Duration policyPollInterval, String groupsClaim) {

}
