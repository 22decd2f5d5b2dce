package dev.mfaportal.accesskey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * Team mode does not start without a usable encryption key, and says why in words; the
 * other modes never need one.
 */
@ExtendWith(OutputCaptureExtension.class)
class EncryptionStartupTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(AccessKeyConfiguration.class)
		.withBean(StoredAccessKeys.class, () -> mock(StoredAccessKeys.class))
		.withBean(StoredFingerprintKey.class, () -> mock(StoredFingerprintKey.class))
		.withBean(StsSettings.class,
				() -> new StsSettings(null, "us-east-1", null, Duration.ofSeconds(3), Duration.ofSeconds(20)));

	@Test
	void teamModeWhenKeyConfiguredThenCipherAndStoredKeySourcesUnderTheConfiguredIds() {
		this.context
			.withPropertyValues("spring.profiles.active=team", "portal.encryption.key=" + AccessKeyCipherTest.KEY_2,
					"portal.encryption.key-id=2026-11",
					"portal.encryption.previous-keys.k1=" + AccessKeyCipherTest.KEY_1)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EncryptionSettings.class)).isEqualTo(new EncryptionSettings(
						AccessKeyCipherTest.KEY_2, null, "2026-11", Map.of("k1", AccessKeyCipherTest.KEY_1)));
				assertThat(context.getBean(AccessKeyCipher.class).currentKeyId()).isEqualTo("2026-11");
				assertThat(context.getBean(CredentialSources.class)).isInstanceOf(StoredKeyCredentialSources.class);
			});
	}

	@Test
	void teamModeWhenConfiguredByEnvironmentVariablesThenTheNamesTheMessagesGiveWork() {
		Map<String, Object> environment = Map.of("PORTAL_ENCRYPTION_KEY", AccessKeyCipherTest.KEY_2,
				"PORTAL_ENCRYPTION_KEY_ID", "k2", "PORTAL_ENCRYPTION_PREVIOUSKEYS_K1", AccessKeyCipherTest.KEY_1);
		this.context.withPropertyValues("spring.profiles.active=team")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
			.run((context) -> assertThat(context.getBean(EncryptionSettings.class)).isEqualTo(new EncryptionSettings(
					AccessKeyCipherTest.KEY_2, null, "k2", Map.of("k1", AccessKeyCipherTest.KEY_1))));
	}

	@Test
	void teamModeWhenKeyFileNamedByEnvironmentVariableThenItsKeyIsUsed(@TempDir Path folder) throws Exception {
		Path file = Files.writeString(folder.resolve("portal.key"), AccessKeyCipherTest.KEY_1 + "\n");
		this.context.withPropertyValues("spring.profiles.active=team")
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("PORTAL_ENCRYPTION_KEY_FILE", file.toString()))))
			.run((context) -> {
				assertThat(context.getBean(EncryptionSettings.class).keyFile()).isEqualTo(file);
				assertThat(context.getBean(AccessKeyCipher.class).currentKeyId()).isEqualTo("k1");
			});
	}

	@Test
	void settingsWhenNothingConfiguredThenKeyIdIsK1AndNoPreviousKeys() {
		this.context
			.withPropertyValues("spring.profiles.active=team", "portal.encryption.key=" + AccessKeyCipherTest.KEY_1)
			.run((context) -> assertThat(context.getBean(EncryptionSettings.class))
				.isEqualTo(new EncryptionSettings(AccessKeyCipherTest.KEY_1, null, "k1", Map.of())));
	}

	@Test
	void teamModeWhenNoKeyThenStartupFailsWithADescriptionAndAnAction() {
		this.context.withPropertyValues("spring.profiles.active=team").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new EncryptionKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("no encryption key is configured")
				.contains("PORTAL_ENCRYPTION_KEY")
				.contains("PORTAL_ENCRYPTION_KEY_FILE");
			assertThat(analysis.getAction()).contains("openssl rand -base64 32");
		});
	}

	@Test
	void teamModeWhenKeyTooShortThenStartupFailsSayingSoWithoutTheKey() {
		String shortKey = "c2hvcnQ=";
		this.context.withPropertyValues("spring.profiles.active=team", "portal.encryption.key=" + shortKey)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EncryptionKeyFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("decodes to 5 bytes").doesNotContain(shortKey);
			});
	}

	@Test
	void teamModeWhenKeyIdDoesNotFitTheColumnThenStartupFails() {
		this.context
			.withPropertyValues("spring.profiles.active=team", "portal.encryption.key=" + AccessKeyCipherTest.KEY_1,
					"portal.encryption.key-id=" + "k".repeat(33))
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void otherModesWhenNoKeyThenNoCipherAndNoFailure() {
		this.context.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AccessKeyCipher.class);
			assertThat(context).doesNotHaveBean(CredentialSources.class);
		});
	}

	@Test
	void startupWhenTeamModeHasNoKeyThenTheReportSaysWhatIsMissingAndHowToSetIt(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TeamModeOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("team");

		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"));
		// Printed by Spring Boot's failure report, which found the analyzer in
		// spring.factories.
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("no encryption key is configured")
			.contains("Action:")
			.contains("openssl rand -base64 32");
	}

	@Configuration(proxyBeanMethods = false)
	@Import(AccessKeyConfiguration.class)
	@EnableConfigurationProperties(StsSettings.class)
	static class TeamModeOnly {

		@Bean
		StoredAccessKeys storedAccessKeys() {
			return mock(StoredAccessKeys.class);
		}

	}

}
