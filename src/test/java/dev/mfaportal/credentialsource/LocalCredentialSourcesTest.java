package dev.mfaportal.credentialsource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsFailure;
import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The person's own AWS setup, read from a fake home folder and environment: what is
 * listed, in which order, with which region and MFA serial, and which keys then sign.
 */
class LocalCredentialSourcesTest {

	private static final String ENV_KEY = "AKIAENVIRONMENT00001";

	private static final String ENV_SECRET = "environmentSecret/environmentSecret00001";

	private static final String DEFAULT_KEY = "AKIADEFAULTPROFILE01";

	private static final String WORK_KEY = "AKIAWORKPROFILE00001";

	private static final String WORK_SECRET = "workSecret/workSecret/workSecret/work001";

	private static final String MFA_SERIAL = "arn:aws:iam::123456789012:mfa/alice";

	/** A role profile that needs MFA and takes its keys from the work profile. */
	private static final String ADMIN_FROM_WORK = """
			[profile admin]
			role_arn = arn:aws:iam::123456789012:role/admin
			source_profile = work
			mfa_serial = %s
			""".formatted(MFA_SERIAL);

	@TempDir
	Path home;

	private final Map<String, String> env = new HashMap<>();

	private StsSettings settings = settings(null, "us-east-1");

	@Test
	void listWhenEnvironmentKeysThenListedFirstAsShellDefaultWithMaskedId() throws IOException {
		credentials("[default]\naws_access_key_id = " + DEFAULT_KEY + "\naws_secret_access_key = s\n");
		environmentKeys();
		List<CredentialSource> sources = sources().list();
		assertThat(sources).extracting(CredentialSource::id).containsExactly("environment", "profile:default");
		CredentialSource environment = sources.get(0);
		assertThat(environment.kind()).isEqualTo(Kind.ENVIRONMENT);
		assertThat(environment.maskedAccessKeyId()).isEqualTo("AKIA…0001");
		assertThat(environment.shellDefault()).isTrue();
		assertThat(environment.sessionCredentials()).isFalse();
		assertThat(sources.get(1).shellDefault()).isFalse();
	}

	@Test
	void listWhenOnlyAccessKeyIdInEnvironmentThenNoEnvironmentSource() {
		this.env.put("AWS_ACCESS_KEY_ID", ENV_KEY);
		assertThat(sources().list()).isEmpty();
	}

	@Test
	void listWhenSessionTokenInEnvironmentThenSessionCredentials() {
		environmentKeys();
		this.env.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE");
		assertThat(sources().list()).singleElement()
			.satisfies((source) -> assertThat(source.sessionCredentials()).isTrue());
	}

	@Test
	void listWhenProfilesThenOnlyThoseWithStaticKeysDefaultFirstThenByName() throws IOException {
		credentials("""
				[zeta]
				aws_access_key_id = AKIAZETAZETAZETA0001
				aws_secret_access_key = s
				[work]
				aws_access_key_id = %s
				aws_secret_access_key = %s
				[default]
				aws_access_key_id = %s
				aws_secret_access_key = s
				[half]
				aws_access_key_id = AKIAHALFHALFHALF0001
				""".formatted(WORK_KEY, WORK_SECRET, DEFAULT_KEY));
		config("""
				[profile sso]
				sso_start_url = https://example.awsapps.com/start
				sso_region = us-east-1
				[profile admin]
				role_arn = arn:aws:iam::123456789012:role/admin
				source_profile = work
				""");
		List<CredentialSource> sources = sources().list();
		assertThat(sources).extracting(CredentialSource::name).containsExactly("default", "work", "zeta");
		assertThat(sources).extracting(CredentialSource::kind).containsOnly(Kind.PROFILE);
		assertThat(sources).extracting(CredentialSource::shellDefault).containsExactly(true, false, false);
		assertThat(sources.get(1).id()).isEqualTo("profile:work");
		assertThat(sources.get(1).maskedAccessKeyId()).isEqualTo("AKIA…0001");
	}

	@Test
	void listWhenProfileHoldsSessionTokenThenSessionCredentials() throws IOException {
		credentials("[work]\naws_access_key_id = ASIAWORKWORKWORK0001\naws_secret_access_key = s\n"
				+ "aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE\n");
		assertThat(sources().list()).singleElement()
			.satisfies((source) -> assertThat(source.sessionCredentials()).isTrue());
	}

	@Test
	void listWhenConfigProfileNamesMfaSerialThenPrefilled() throws IOException {
		workKeys();
		config("[profile work]\nmfa_serial = " + MFA_SERIAL + "\nregion = eu-central-1\n");
		assertThat(sources().list()).singleElement().satisfies((source) -> {
			assertThat(source.mfaSerial()).isEqualTo(MFA_SERIAL);
			assertThat(source.region()).isEqualTo("eu-central-1");
		});
	}

	@Test
	void listWhenRoleProfileUsesProfileAsSourceThenItsMfaSerialPrefillsTheSource() throws IOException {
		workKeys();
		config(ADMIN_FROM_WORK);
		assertThat(sources().list()).singleElement().satisfies((source) -> {
			assertThat(source.name()).isEqualTo("work");
			assertThat(source.mfaSerial()).isEqualTo(MFA_SERIAL);
		});
	}

	@Test
	void roleProfilesWhenConfigNamesRolesThenEachWithItsSourcesIdAndSettings() throws IOException {
		workKeys();
		config(ADMIN_FROM_WORK + """
				external_id = ext-1
				role_session_name = alice
				duration_seconds = 7200

				[profile orphan]
				role_arn = arn:aws:iam::123456789012:role/orphan
				source_profile = nowhere

				[profile no-source]
				role_arn = arn:aws:iam::123456789012:role/web
				credential_source = Ec2InstanceMetadata

				[profile odd]
				role_arn = arn:aws:iam::123456789012:role/odd
				source_profile = work
				duration_seconds = an hour
				""");
		assertThat(sources().roleProfiles()).containsExactly(
				new RoleProfile("admin", "arn:aws:iam::123456789012:role/admin", "profile:work", MFA_SERIAL, "ext-1",
						"alice", 7200),
				new RoleProfile("odd", "arn:aws:iam::123456789012:role/odd", "profile:work", null, null, null, null),
				new RoleProfile("orphan", "arn:aws:iam::123456789012:role/orphan", null, null, null, null, null));
	}

	@Test
	void roleProfilesWhenConfigEditedAfterReadingThenTheNextReadShowsTheEdit() throws IOException {
		workKeys();
		LocalCredentialSources sources = sources();
		assertThat(sources.roleProfiles()).isEmpty();
		config(ADMIN_FROM_WORK);
		assertThat(sources.roleProfiles()).extracting(RoleProfile::name).containsExactly("admin");
	}

	@Test
	void listWhenNoMfaSerialAnywhereThenNone() throws IOException {
		workKeys();
		assertThat(sources().list()).singleElement().satisfies((source) -> assertThat(source.mfaSerial()).isNull());
	}

	@Test
	void listWhenAwsProfileSetThenThatProfileFirstAndShellDefault() throws IOException {
		credentials("[default]\naws_access_key_id = " + DEFAULT_KEY + "\naws_secret_access_key = s\n[work]\n"
				+ "aws_access_key_id = " + WORK_KEY + "\naws_secret_access_key = " + WORK_SECRET + "\n");
		this.env.put("AWS_PROFILE", "work");
		assertThat(sources().list()).extracting(CredentialSource::name, CredentialSource::shellDefault)
			.containsExactly(tuple("work", true), tuple("default", false));
	}

	@Test
	void listWhenAwsProfileAndEnvironmentKeysThenEnvironmentShellDefaultWithThatProfilesSettings() throws IOException {
		workKeys();
		config("[profile work]\nmfa_serial = " + MFA_SERIAL + "\nregion = eu-central-1\n");
		this.env.put("AWS_PROFILE", "work");
		environmentKeys();
		List<CredentialSource> sources = sources().list();
		assertThat(sources).extracting(CredentialSource::id).containsExactly("environment", "profile:work");
		assertThat(sources).extracting(CredentialSource::shellDefault).containsExactly(true, false);
		assertThat(sources.get(0).region()).isEqualTo("eu-central-1");
		assertThat(sources.get(0).mfaSerial()).isEqualTo(MFA_SERIAL);
	}

	@Test
	void listWhenFileVariablesSetThenThoseFilesReadInsteadOfHomes() throws IOException {
		credentials("[default]\naws_access_key_id = " + DEFAULT_KEY + "\naws_secret_access_key = s\n");
		Path elsewhere = Files.createDirectories(this.home.resolve("elsewhere"));
		Files.writeString(elsewhere.resolve("creds"),
				"[work]\naws_access_key_id = " + WORK_KEY + "\naws_secret_access_key = " + WORK_SECRET + "\n");
		Files.writeString(elsewhere.resolve("conf"), "[profile work]\nmfa_serial = " + MFA_SERIAL + "\n");
		this.env.put("AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("creds").toString());
		this.env.put("AWS_CONFIG_FILE", "~/elsewhere/conf");
		assertThat(sources().list()).singleElement().satisfies((source) -> {
			assertThat(source.name()).isEqualTo("work");
			assertThat(source.mfaSerial()).isEqualTo(MFA_SERIAL);
		});
	}

	@Test
	void listWhenSameProfileHasKeysInBothFilesThenCredentialsFileWins() throws IOException {
		// what the AWS CLI and the SDK's own default profile file do
		credentials("[work]\naws_access_key_id = " + WORK_KEY + "\naws_secret_access_key = " + WORK_SECRET + "\n");
		config("[profile work]\naws_access_key_id = AKIACONFIGFILEKEY999\naws_secret_access_key = c\n");
		LocalCredentialSources sources = sources();
		CredentialSource work = sources.list().get(0);
		assertThat(work.maskedAccessKeyId()).isEqualTo("AKIA…0001");
		assertThat(sources.caller(work).credentials().resolveCredentials().accessKeyId()).isEqualTo(WORK_KEY);
	}

	@Test
	void listWhenBothFileVariablesNameOneFileThenItsProfilesListed() throws IOException {
		workKeys();
		String file = this.home.resolve(".aws/credentials").toString();
		this.env.put("AWS_SHARED_CREDENTIALS_FILE", file);
		this.env.put("AWS_CONFIG_FILE", file);
		assertThat(sources().list()).extracting(CredentialSource::name).containsExactly("work");
	}

	@ParameterizedTest(name = "settings={0}, AWS_REGION={1}, AWS_DEFAULT_REGION={2}, profile={3} -> {4}")
	@CsvSource(delimiter = '|',
			value = { "eu-north-1 | eu-west-1 | eu-west-2 | eu-west-3 | eu-north-1",
					"           | eu-west-1 | eu-west-2 | eu-west-3 | eu-west-1",
					"           |           | eu-west-2 | eu-west-3 | eu-west-2",
					"           |           |           | eu-west-3 | eu-west-3",
					"           |           |           |           | ap-south-1" })
	void regionWhenSetAtSeveralLevelsThenTheFirstOfSettingsEnvironmentProfileDefault(String setting, String awsRegion,
			String awsDefaultRegion, String profileRegion, String expected) throws IOException {
		this.settings = settings(setting, "ap-south-1");
		workKeys();
		if (profileRegion != null) {
			config("[profile work]\nregion = " + profileRegion + "\n");
		}
		if (awsRegion != null) {
			this.env.put("AWS_REGION", awsRegion);
		}
		if (awsDefaultRegion != null) {
			this.env.put("AWS_DEFAULT_REGION", awsDefaultRegion);
		}
		assertThat(sources().list()).singleElement()
			.satisfies((source) -> assertThat(source.region()).isEqualTo(expected));
	}

	@Test
	void listWhenCredentialsFileMalformedThenNoExceptionAndTheRestListed() throws IOException {
		credentials("[work]\naws_access_key_id = " + WORK_KEY + "\nthis line is not a property\n");
		config("[default]\naws_access_key_id = " + DEFAULT_KEY + "\naws_secret_access_key = s\n");
		environmentKeys();
		LocalCredentialSources sources = sources();
		assertThat(sources.list()).extracting(CredentialSource::id).containsExactly("environment", "profile:default");
		assertThatNoException().isThrownBy(sources::searched);
	}

	@Test
	void listWhenConfigFileMalformedThenCredentialsFileProfilesListed() throws IOException {
		workKeys();
		config("region = eu-west-1\n[profile work\nmfa_serial\n");
		assertThat(sources().list()).extracting(CredentialSource::name).containsExactly("work");
	}

	/**
	 * The CLI takes {@code region: us-east-1}; the SDK refuses the whole file, which it
	 * reads again when it builds its client, after the code was admitted. Said before
	 * anything is sent, in words.
	 */
	@Test
	void callerWhenTheConfigFileIsOneTheSdkRefusesThenAClearFailureBeforeAnyCall() throws IOException {
		workKeys();
		config("[default]\nregion: us-east-1\n");
		LocalCredentialSources sources = sources();
		CredentialSource work = sources.list().get(0);
		assertThatExceptionOfType(StsCallException.class).isThrownBy(() -> sources.caller(work))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(StsFailure.PROFILE_FILE_UNREADABLE));
	}

	/**
	 * The CLI reaches the endpoint the profile whose keys sign names, not AWS_PROFILE's;
	 * only the endpoint settings go with the caller, never the keys in the same profile.
	 */
	@Test
	void callerWhenTheSigningProfileNamesEndpointSettingsThenTheCallerCarriesThoseAlone() throws IOException {
		workKeys();
		config("[profile work]\nuse_fips_endpoint = true\nsts_regional_endpoints = legacy\nservices = corp\n"
				+ "[services corp]\nsts =\n  endpoint_url = https://sts.corp.test\niam =\n  endpoint_url = https://iam.corp.test\n"
				+ "[profile shell]\nuse_dualstack_endpoint = true\nendpoint_url = https://elsewhere.test\n");
		this.env.put("AWS_PROFILE", "shell");
		LocalCredentialSources sources = sources();
		StsCaller caller = sources.caller(sources.list().get(0));
		assertThat(caller.profile().settings()).containsOnly(Map.entry("use_fips_endpoint", "true"),
				Map.entry("sts_regional_endpoints", "legacy"));
		assertThat(caller.profile().serviceEndpointUrls()).containsOnly(Map.entry("sts", "https://sts.corp.test"),
				Map.entry("iam", "https://iam.corp.test"));
		assertThat(caller.profile().toString()).doesNotContain(WORK_SECRET).doesNotContain(WORK_KEY);
	}

	@Test
	void callerWhenTheEnvironmentsKeysSignThenAwsProfilesEndpointSettings() throws IOException {
		environmentKeys();
		config("[profile shell]\nuse_dualstack_endpoint = true\n");
		this.env.put("AWS_PROFILE", "shell");
		LocalCredentialSources sources = sources();
		assertThat(sources.caller(sources.list().get(0)).profile().settings())
			.containsOnly(Map.entry("use_dualstack_endpoint", "true"));
	}

	@Test
	void listWhenNothingConfiguredThenEmpty() {
		assertThat(sources().list()).isEmpty();
	}

	@Test
	void searchedWhenNothingConfiguredThenEveryPlaceReportedNotFound() {
		assertThat(sources().searched()).containsExactlyElementsOf(everyPlace(false, "default"));
	}

	@Test
	void searchedWhenFilesAndProfileExistThenReportedFound() throws IOException {
		workKeys();
		config("[profile work]\nregion = eu-west-1\n");
		this.env.put("AWS_PROFILE", "work");
		environmentKeys();
		assertThat(sources().searched()).containsExactlyElementsOf(everyPlace(true, "work"));
	}

	/** The places searched in their order, each found or not. */
	private List<SearchedPlace> everyPlace(boolean found, String profile) {
		return List.of(new SearchedPlace("environment", "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY", found),
				new SearchedPlace("credentials-file", this.home.resolve(".aws/credentials").toString(), found),
				new SearchedPlace("config-file", this.home.resolve(".aws/config").toString(), found),
				new SearchedPlace("profile", profile, found));
	}

	@Test
	void searchedWhenFileVariablesSetThenThosePathsReported() {
		this.env.put("AWS_SHARED_CREDENTIALS_FILE", "/nowhere/creds");
		this.env.put("AWS_CONFIG_FILE", "~/conf");
		assertThat(sources().searched()).extracting(SearchedPlace::detail)
			.contains("/nowhere/creds", this.home.resolve("conf").toString());
	}

	@Test
	void callerWhenProfileThenSignsWithItsKeysInItsRegion() throws IOException {
		workKeys();
		config("[profile work]\nregion = eu-west-1\n");
		LocalCredentialSources sources = sources();
		StsCaller caller = sources.caller(sources.list().get(0));
		assertThat(caller.id()).isEqualTo("profile:work");
		assertThat(caller.region()).isEqualTo("eu-west-1");
		assertThat(caller.endpoint()).isNull();
		AwsCredentials keys = caller.credentials().resolveCredentials();
		assertThat(keys.accessKeyId()).isEqualTo(WORK_KEY);
		assertThat(keys.secretAccessKey()).isEqualTo(WORK_SECRET);
	}

	@Test
	void callerWhenProfileAlsoNamesRoleOrProcessThenStillItsOwnStaticKeys() throws IOException {
		workKeys();
		config("[profile work]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = other\n"
				+ "credential_process = /bin/false\n");
		LocalCredentialSources sources = sources();
		AwsCredentials keys = sources.caller(sources.list().get(0)).credentials().resolveCredentials();
		assertThat(keys.accessKeyId()).isEqualTo(WORK_KEY);
	}

	@Test
	void callerWhenProfileRemovedAfterListingThenNoCredentialsError() throws IOException {
		workKeys();
		LocalCredentialSources sources = sources();
		StsCaller caller = sources.caller(sources.list().get(0));
		credentials("");
		assertThatExceptionOfType(software.amazon.awssdk.core.exception.SdkClientException.class)
			.isThrownBy(() -> caller.credentials().resolveCredentials());
	}

	@Test
	void callerWhenEnvironmentThenSignsWithEnvironmentKeys() throws IOException {
		workKeys();
		environmentKeys();
		LocalCredentialSources sources = sources();
		AwsCredentials keys = sources.caller(sources.list().get(0)).credentials().resolveCredentials();
		assertThat(keys.accessKeyId()).isEqualTo(ENV_KEY);
		assertThat(keys.secretAccessKey()).isEqualTo(ENV_SECRET);
		assertThat(keys).isNotInstanceOf(AwsSessionCredentials.class);
	}

	@Test
	void callerWhenEnvironmentHasSessionTokenThenSessionCredentials() {
		environmentKeys();
		this.env.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE");
		LocalCredentialSources sources = sources();
		AwsCredentials keys = sources.caller(sources.list().get(0)).credentials().resolveCredentials();
		assertThat(keys).isInstanceOfSatisfying(AwsSessionCredentials.class,
				(session) -> assertThat(session.sessionToken()).isEqualTo("IQoJb3JpZ2luX2VjEXAMPLE"));
	}

	@Test
	void callerWhenCredentialsFileEditedThenNewKeysWithoutRestart() throws IOException {
		workKeys();
		LocalCredentialSources sources = sources();
		CredentialSource work = sources.list().get(0);
		StsCaller caller = sources.caller(work);
		assertThat(caller.credentials().resolveCredentials().accessKeyId()).isEqualTo(WORK_KEY);
		credentials("[work]\naws_access_key_id = AKIAROTATEDROTATED02\naws_secret_access_key = rotated\n");
		assertThat(caller.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIAROTATEDROTATED02");
		assertThat(sources.caller(work).credentials().resolveCredentials().secretAccessKey()).isEqualTo("rotated");
	}

	@Test
	void listWhenCredentialsFileEditedAfterListingThenTheNextListShowsTheEdit() throws IOException {
		workKeys();
		LocalCredentialSources sources = sources();
		assertThat(sources.list()).extracting(CredentialSource::name).containsExactly("work");
		credentials("[work]\naws_access_key_id = " + WORK_KEY + "\naws_secret_access_key = " + WORK_SECRET
				+ "\n[play]\naws_access_key_id = " + DEFAULT_KEY + "\naws_secret_access_key = s\n");
		assertThat(sources.list()).extracting(CredentialSource::name).containsExactly("play", "work");
	}

	@Test
	void listWhenFileRewrittenWithTheSameSizeThenItsNewModificationTimeShowsTheEdit() throws IOException {
		workKeys();
		LocalCredentialSources sources = sources();
		assertThat(sources.list()).extracting(CredentialSource::maskedAccessKeyId).containsExactly("AKIA…0001");
		Path file = this.home.resolve(".aws").resolve("credentials");
		FileTime listed = Files.getLastModifiedTime(file);
		credentials("[work]\naws_access_key_id = AKIAWORKPROFILE00002\naws_secret_access_key = " + WORK_SECRET + "\n");
		Files.setLastModifiedTime(file, FileTime.fromMillis(listed.toMillis() + 2000));
		assertThat(sources.list()).extracting(CredentialSource::maskedAccessKeyId).containsExactly("AKIA…0002");
	}

	@Test
	void listWhenFilesCreatedOrEnvironmentChangedAfterListingThenTheNextListShowsThem() throws IOException {
		LocalCredentialSources sources = sources();
		assertThat(sources.list()).isEmpty();
		workKeys();
		assertThat(sources.list()).extracting(CredentialSource::id).containsExactly("profile:work");
		environmentKeys();
		assertThat(sources.list()).extracting(CredentialSource::id).containsExactly("environment", "profile:work");
	}

	private LocalCredentialSources sources() {
		return new LocalCredentialSources(this.env::get, this.home, this.settings);
	}

	private static StsSettings settings(String region, String defaultRegion) {
		return new StsSettings(region, defaultRegion, null, Duration.ofSeconds(3), Duration.ofSeconds(20));
	}

	private void environmentKeys() {
		this.env.put("AWS_ACCESS_KEY_ID", ENV_KEY);
		this.env.put("AWS_SECRET_ACCESS_KEY", ENV_SECRET);
	}

	private void workKeys() throws IOException {
		credentials("[work]\naws_access_key_id = " + WORK_KEY + "\naws_secret_access_key = " + WORK_SECRET + "\n");
	}

	private void credentials(String content) throws IOException {
		write("credentials", content);
	}

	private void config(String content) throws IOException {
		write("config", content);
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(Files.createDirectories(this.home.resolve(".aws")).resolve(name), content);
	}

}
