package dev.mfaportal.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.InMemoryVault;
import dev.mfaportal.credentialsource.LocalSources;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vault key as rotation and the key's age see it: with the region and the endpoint
 * settings of the profile of its label in the AWS config, exactly those issuing signs
 * with, so that their calls go where the issuing of a session goes.
 */
class VaultRotatableKeysTest {

	static final LongTermKey WORK = new LongTermKey("AKIAWORKVAULT0000001", "workSecret/workSecret/workSecret/work001");

	@TempDir
	Path home;

	final InMemoryVault vault = new InMemoryVault();

	@Test
	void findWhenTheKeysProfileNamesEndpointSettingsThenThePairCarriesThoseIssuingUses() throws IOException {
		config("[profile work]\nregion = eu-west-1\nuse_fips_endpoint = true\nservices = corp\n"
				+ "[services corp]\niam =\n  endpoint_url = https://iam.corp.test\n"
				+ "[profile shell]\nendpoint_url = https://elsewhere.test\n");
		VaultKey key = this.vault.store("work", WORK);
		CredentialSources sources = sources(Map.of("AWS_PROFILE", "shell"));
		StsCaller issuing = sources.caller(sources.list()
			.stream()
			.filter((source) -> source.kind() == CredentialSource.Kind.VAULT)
			.findFirst()
			.orElseThrow());

		KeyPair pair = new VaultRotatableKeys(this.vault, sources).find(key.id()).orElseThrow();

		assertThat(pair.accessKeyId()).isEqualTo(WORK.accessKeyId());
		assertThat(pair.region()).isEqualTo("eu-west-1").isEqualTo(issuing.region());
		assertThat(pair.profile()).isEqualTo(issuing.profile());
		assertThat(pair.profile().settings()).containsOnly(Map.entry("use_fips_endpoint", "true"));
		assertThat(pair.profile().serviceEndpointUrls()).containsOnly(Map.entry("iam", "https://iam.corp.test"));
	}

	/**
	 * Issuing refuses such a file before any call; the keys page still lists the key, and
	 * its calls fail as the SDK reads the same file.
	 */
	@Test
	void findWhenTheConfigFileIsOneTheSdkRefusesThenThePairAllTheSame() throws IOException {
		config("[default]\nregion: us-east-1\n");
		VaultKey key = this.vault.store("work", WORK);

		KeyPair pair = new VaultRotatableKeys(this.vault, sources(Map.of())).find(key.id()).orElseThrow();

		assertThat(pair.accessKeyId()).isEqualTo(WORK.accessKeyId());
		assertThat(pair.profile()).isNull();
	}

	private CredentialSources sources(Map<String, String> environment) {
		return LocalSources.of(environment, this.home,
				new StsSettings(null, "us-east-1", null, Duration.ofSeconds(3), Duration.ofSeconds(20)), this.vault);
	}

	private void config(String content) throws IOException {
		Files.createDirectories(this.home.resolve(".aws"));
		Files.writeString(this.home.resolve(".aws").resolve("config"), content);
	}

}
