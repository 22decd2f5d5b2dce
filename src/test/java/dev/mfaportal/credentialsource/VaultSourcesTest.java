package dev.mfaportal.credentialsource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vault keys as local mode's credential sources: listed first, and a key that moved out
 * of the credentials file keeps working under the profile's name (its id, its
 * {@code mfa_serial} and region in the config, the role profiles built on it).
 */
class VaultSourcesTest {

	static final LongTermKey WORK = new LongTermKey("AKIAWORKVAULT0000001", "workSecret/workSecret/workSecret/work001");

	static final String SERIAL = "arn:aws:iam::123456789012:mfa/alice";

	@TempDir
	Path home;

	final InMemoryVault vault = new InMemoryVault();

	@Test
	void listWhenTheVaultHoldsAMovedProfileThenFirstUnderTheProfileIdWithItsConfig() throws IOException {
		write("credentials", "[other]\naws_access_key_id = AKIAOTHERPROFILE0001\naws_secret_access_key = s\n");
		write("config",
				"[profile work]\nregion = eu-west-1\n\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n"
						+ "source_profile = work\nmfa_serial = " + SERIAL + "\n");
		this.vault.store("work", WORK);

		List<CredentialSource> sources = sources().list();

		assertThat(sources).extracting(CredentialSource::id).containsExactly("profile:work", "profile:other");
		CredentialSource work = sources.get(0);
		assertThat(work.kind()).isEqualTo(Kind.VAULT);
		assertThat(work.maskedAccessKeyId()).isEqualTo("AKIA…0001");
		assertThat(work.region()).isEqualTo("eu-west-1");
		assertThat(work.mfaSerial()).isEqualTo(SERIAL);
		assertThat(sources().roleProfiles()).singleElement()
			.satisfies((role) -> assertThat(role.sourceId()).isEqualTo("profile:work"));
		assertThat(sources().mfaDevices()).singleElement()
			.satisfies((device) -> assertThat(device.sourceId()).isEqualTo("profile:work"));
	}

	@Test
	void callerWhenAVaultKeySignsThenItsPairIsReadFromTheVaultAtTheCall() {
		this.vault.store("work", WORK);
		CredentialSource work = sources().list().get(0);

		AwsCredentials keys = sources().caller(work).credentials().resolveCredentials();

		assertThat(keys.accessKeyId()).isEqualTo(WORK.accessKeyId());
		assertThat(keys.secretAccessKey()).isEqualTo(WORK.secretAccessKey());
	}

	@Test
	void listWhenTheFileStillHoldsKeysOfTheSameNameThenBothListedUnderDistinctIds() throws IOException {
		write("credentials", "[work]\naws_access_key_id = AKIAWORKFILE00000001\naws_secret_access_key = s\n");
		VaultKey stored = this.vault.store("work", WORK);

		assertThat(sources().list()).extracting(CredentialSource::id)
			.containsExactly("vault:" + stored.id(), "profile:work");
	}

	@Test
	void listWhenTheVaultNamesTheShellProfileThenItIsTheShellDefault() {
		this.vault.store("default", WORK);

		assertThat(sources().list()).singleElement().satisfies((s) -> assertThat(s.shellDefault()).isTrue());
	}

	private LocalCredentialSources sources() {
		return new LocalCredentialSources(Map.<String, String>of()::get, this.home,
				new StsSettings(null, "us-east-1", null, Duration.ofSeconds(3), Duration.ofSeconds(20)), this.vault);
	}

	private void write(String name, String content) throws IOException {
		Files.createDirectories(this.home.resolve(".aws"));
		Files.writeString(this.home.resolve(".aws").resolve(name), content);
	}

}
