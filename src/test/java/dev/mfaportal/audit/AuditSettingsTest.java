package dev.mfaportal.audit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSettingsTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void settingsWhenNothingConfiguredThenNinetyDaysPurgedNightly() {
		this.context.run((context) -> assertThat(context.getBean(AuditSettings.class))
			.isEqualTo(new AuditSettings(90, "0 17 3 * * *")));
	}

	@Test
	void settingsWhenConfiguredThenTaken() {
		this.context.withPropertyValues("portal.audit.retention-days=30", "portal.audit.purge-cron=0 0 4 * * *")
			.run((context) -> assertThat(context.getBean(AuditSettings.class))
				.isEqualTo(new AuditSettings(30, "0 0 4 * * *")));
	}

	@Test
	void settingsWhenRetentionBelowOneDayThenStartupFails() {
		this.context.withPropertyValues("portal.audit.retention-days=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuditSettings.class)
	static class Settings {

	}

}
