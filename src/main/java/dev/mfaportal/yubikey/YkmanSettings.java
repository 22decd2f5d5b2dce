package dev.mfaportal.yubikey;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal reads codes from a YubiKey (local mode).
 *
 * @param path the {@code ykman} program; unset, the {@code ykman} found on the
 * {@code PATH}
 * @param device the serial number of the YubiKey to read (ykman's {@code --device}), for
 * when several are plugged in; unset, the only one
 * @param timeout how long ykman may take, touch included, before it is stopped
 */
@ConfigurationProperties("portal.ykman")
@Validated
record YkmanSettings(Path path, @Pattern(regexp = "\\d{1,12}") String device,
		@NotNull @DefaultValue("30s") Duration timeout) {

}
