package dev.mfaportal.launcher;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the portal does with the launch link besides printing it (local mode).
 *
 * @param openBrowser open the person's browser at the link; unset means on when the
 * installed launcher started the portal and off for {@code java -jar} and
 * {@code ./mvnw spring-boot:run}. Never in team mode or without a display
 */
@ConfigurationProperties("portal.launch")
public record LaunchSettings(Boolean openBrowser) {

}
