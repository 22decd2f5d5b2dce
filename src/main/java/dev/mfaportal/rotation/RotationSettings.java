package dev.mfaportal.rotation;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a key is due for rotation, and how long a new key may take to work.
 *
 * @param rotateAfterDays the age past which the keys page warns (CIS asks for 90)
 * @param rotateConfirmTimeout how long the new key is tried with GetCallerIdentity, with
 * backoff, before the rotation gives up and deletes it again (IAM takes seconds to
 * propagate a key)
 * @param ageCacheTtl how long the keys page keeps what IAM said of a key's age before it
 * asks again (a rotation or a removal asks at once)
 */
@ConfigurationProperties("portal.vault")
@Validated
record RotationSettings(@Min(1) @DefaultValue("90") int rotateAfterDays,
		@NotNull @DefaultValue("20s") Duration rotateConfirmTimeout,
		@NotNull @DefaultValue("5m") Duration ageCacheTtl) {

}
