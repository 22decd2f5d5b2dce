package dev.mfaportal.credentialsource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.SigningProfile;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsFailure;
import dev.mfaportal.sts.StsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * A person's own AWS setup as their shell sees it: the environment first, then the named
 * profiles that hold static keys in {@code AWS_SHARED_CREDENTIALS_FILE} /
 * {@code AWS_CONFIG_FILE} (default {@code ~/.aws/credentials} and {@code ~/.aws/config}),
 * parsed by the SDK. Container and instance-metadata credentials are left out on purpose:
 * a laptop has neither, and probing for them stalls the page.
 */
class LocalCredentialSources implements CredentialSources {

	static final String ENVIRONMENT_ID = "environment";

	/** A vault key whose label a credentials-file profile with keys also has. */
	static final String VAULT_PREFIX = "vault:";

	private final Function<String, String> environment;

	private final Path home;

	private final StsSettings settings;

	/** The last list; it holds no secret, only masked key ids. */
	private final ReadWhenChanged<CredentialSource> listed = new ReadWhenChanged<>();

	private final ReadWhenChanged<RoleProfile> roles = new ReadWhenChanged<>();

	private final KeyVault vault;

	/**
	 * @param environment the process environment ({@code System::getenv}), injectable for
	 * tests
	 * @param home the user's home folder
	 * @param settings for the region
	 * @param vault the portal's own store of keys, listed first
	 */
	LocalCredentialSources(Function<String, String> environment, Path home, StsSettings settings, KeyVault vault) {
		this.environment = environment;
		this.home = home;
		this.settings = settings;
		this.vault = vault;
	}

	LocalCredentialSources(Function<String, String> environment, Path home, StsSettings settings) {
		this(environment, home, settings, KeyVault.none());
	}

	/**
	 * The sources, read again only when a file or an {@code AWS_*} variable they depend
	 * on changed: every page lists them, and parsing the files was a good part of the
	 * form's time.
	 */
	@Override
	public List<CredentialSource> list() {
		List<VaultKey> inVault = this.vault.list();
		if (inVault.isEmpty()) {
			return files();
		}
		List<CredentialSource> files = files();
		Set<String> fileIds = files.stream().map(CredentialSource::id).collect(Collectors.toSet());
		ProfileFile profiles = profileFile();
		boolean environmentKeys = !files.isEmpty() && files.get(0).kind() == Kind.ENVIRONMENT;
		List<CredentialSource> sources = new ArrayList<>();
		for (VaultKey key : inVault) {
			// Under the profile's own id, so that saved devices, role profiles and the
			// held session that named the profile still find it after the move.
			String id = fileIds.contains(AwsProfiles.PROFILE_PREFIX + key.label()) ? VAULT_PREFIX + key.id()
					: AwsProfiles.PROFILE_PREFIX + key.label();
			sources.add(new CredentialSource(id, Kind.VAULT, key.label(), key.maskedAccessKeyId(), false,
					region(profiles.profile(key.label()).orElse(null)), AwsProfiles.mfaSerial(profiles, key.label()),
					!environmentKeys && key.label().equals(shellProfile())));
		}
		sources.addAll(files.stream()
			.map((source) -> (source.shellDefault() && sources.stream().anyMatch(CredentialSource::shellDefault))
					? new CredentialSource(source.id(), source.kind(), source.name(), source.maskedAccessKeyId(),
							source.sessionCredentials(), source.region(), source.mfaSerial(), false)
					: source)
			.toList());
		return sources;
	}

	/**
	 * The vault's state, for the form that says it is locked and for the page that moves
	 * keys into it.
	 */
	@Override
	public VaultState vaultState() {
		return this.vault.state();
	}

	private List<CredentialSource> files() {
		return this.listed.get(List.of(ReadWhenChanged.stamp(credentialsFile()), ReadWhenChanged.stamp(configFile()),
				String.valueOf(env("AWS_ACCESS_KEY_ID")), hasText(env("AWS_SECRET_ACCESS_KEY")),
				hasText(env("AWS_SESSION_TOKEN")), String.valueOf(env("AWS_PROFILE")),
				String.valueOf(env("AWS_REGION")), String.valueOf(env("AWS_DEFAULT_REGION"))), this::read);
	}

	private List<CredentialSource> read() {
		List<CredentialSource> sources = new ArrayList<>();
		ProfileFile profiles = profileFile();
		String shellProfile = shellProfile();
		boolean environmentKeys = hasText(env("AWS_ACCESS_KEY_ID")) && hasText(env("AWS_SECRET_ACCESS_KEY"));
		if (environmentKeys) {
			Optional<Profile> profile = profiles.profile(shellProfile);
			sources.add(new CredentialSource(ENVIRONMENT_ID, Kind.ENVIRONMENT, "AWS_ACCESS_KEY_ID",
					AccessKeys.mask(env("AWS_ACCESS_KEY_ID")), hasText(env("AWS_SESSION_TOKEN")),
					region(profile.orElse(null)), profile.map((p) -> AwsProfiles.mfaSerial(profiles, p)).orElse(null),
					true));
		}
		profiles.profiles()
			.values()
			.stream()
			.filter(AwsProfiles::hasStaticKeys)
			.sorted(Comparator.comparing((Profile profile) -> !profile.name().equals(shellProfile))
				.thenComparing(Profile::name))
			.forEach((profile) -> sources.add(new CredentialSource(AwsProfiles.PROFILE_PREFIX + profile.name(),
					Kind.PROFILE, profile.name(), AccessKeys.mask(profile.property("aws_access_key_id").get()),
					profile.property("aws_session_token").isPresent(), region(profile),
					AwsProfiles.mfaSerial(profiles, profile),
					!environmentKeys && profile.name().equals(shellProfile))));
		return sources;
	}

	/**
	 * @throws StsCallException ({@link StsFailure#PROFILE_FILE_UNREADABLE}) when the SDK
	 * refuses one of the AWS files: it reads them again to build its client, and would
	 * fail there, after the code was admitted
	 */
	@Override
	public StsCaller caller(CredentialSource source) {
		AwsProfiles.refusedFile(credentialsFile(), configFile()).ifPresent((file) -> {
			// not the parser's message: it may quote a line of the file
			throw new StsCallException(StsFailure.PROFILE_FILE_UNREADABLE, null, null, null, null);
		});
		// the endpoint settings the CLI applies to these keys
		SigningProfile profile = SigningProfile.of(profileFile(),
				(source.kind() == Kind.ENVIRONMENT) ? shellProfile() : source.name(), this.environment);
		if (source.kind() == Kind.VAULT) {
			return new StsCaller(source.id(), () -> fromVault(source.name()), source.region(), null, profile);
		}
		if (source.kind() == Kind.ENVIRONMENT) {
			String session = env("AWS_SESSION_TOKEN");
			String id = env("AWS_ACCESS_KEY_ID");
			String secret = env("AWS_SECRET_ACCESS_KEY");
			return new StsCaller(source.id(), StaticCredentialsProvider.create(hasText(session)
					? AwsSessionCredentials.create(id, secret, session) : AwsBasicCredentials.create(id, secret)),
					source.region(), null, profile);
		}
		return new StsCaller(source.id(), () -> staticKeys(source.name()), source.region(), null, profile);
	}

	/**
	 * The profile's own static keys, read afresh so an edited file counts at once. Not
	 * the SDK's ProfileCredentialsProvider: for a profile that also names a role_arn or a
	 * credential_process it would assume the role or run the process instead, and
	 * GetSessionToken needs the long-term keys themselves.
	 */
	private AwsCredentials staticKeys(String profileName) {
		Profile profile = profileFile().profile(profileName)
			.orElseThrow(() -> SdkClientException.create("Profile " + profileName + " is gone from the AWS files"));
		Optional<String> id = profile.property("aws_access_key_id");
		Optional<String> secret = profile.property("aws_secret_access_key");
		if (id.isEmpty() || secret.isEmpty()) {
			throw SdkClientException.create("Profile " + profileName + " no longer holds static keys");
		}
		Optional<String> session = profile.property("aws_session_token");
		return session.isPresent() ? AwsSessionCredentials.create(id.get(), secret.get(), session.get())
				: AwsBasicCredentials.create(id.get(), secret.get());
	}

	/** The vault key of that label, read at the call: a change counts at once. */
	private AwsCredentials fromVault(String label) {
		VaultKey key = this.vault.list()
			.stream()
			.filter((k) -> k.label().equals(label))
			.findFirst()
			.orElseThrow(() -> SdkClientException.create("The vault holds no key " + label + " (or is locked)"));
		LongTermKey pair = this.vault.secret(key.id())
			.orElseThrow(() -> SdkClientException.create("The vault holds no key " + label));
		return AwsBasicCredentials.create(pair.accessKeyId(), pair.secretAccessKey());
	}

	@Override
	public List<SearchedPlace> searched() {
		return List.of(
				new SearchedPlace("environment", "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY",
						hasText(env("AWS_ACCESS_KEY_ID"))),
				new SearchedPlace("credentials-file", credentialsFile().toString(),
						Files.isRegularFile(credentialsFile())),
				new SearchedPlace("config-file", configFile().toString(), Files.isRegularFile(configFile())),
				new SearchedPlace("profile", shellProfile(), profileFile().profile(shellProfile()).isPresent()));
	}

	@Override
	public List<ProfileMfaDevice> mfaDevices() {
		ProfileFile profiles = profileFile();
		return profiles.profiles()
			.values()
			.stream()
			.filter((profile) -> AwsProfiles.text(profile, "mfa_serial") != null)
			.sorted(Comparator.comparing(Profile::name))
			.map((profile) -> new ProfileMfaDevice(profile.name(), AwsProfiles.text(profile, "mfa_serial"),
					AwsProfiles.keysFor(profiles, profile, inVault())))
			.toList();
	}

	/**
	 * Read again only when one of the two files changed, as {@link #list()}: every
	 * {@code /credentials/NAME} call and every page while a session is served asks.
	 */
	@Override
	public List<RoleProfile> roleProfiles() {
		Predicate<String> inVault = inVault();
		List<String> labels = this.vault.list().stream().map(VaultKey::label).sorted().toList();
		return this.roles.get(
				List.of(ReadWhenChanged.stamp(credentialsFile()), ReadWhenChanged.stamp(configFile()), labels),
				() -> AwsProfiles.roleProfiles(profileFile(), inVault));
	}

	private Predicate<String> inVault() {
		Set<String> labels = this.vault.list().stream().map(VaultKey::label).collect(Collectors.toSet());
		return labels::contains;
	}

	private String region(Profile profile) {
		if (hasText(this.settings.region())) {
			return this.settings.region();
		}
		for (String variable : new String[] { "AWS_REGION", "AWS_DEFAULT_REGION" }) {
			if (hasText(env(variable))) {
				return env(variable);
			}
		}
		return Optional.ofNullable(profile)
			.flatMap((p) -> p.property("region"))
			.filter(LocalCredentialSources::hasText)
			.orElse(this.settings.defaultRegion());
	}

	private ProfileFile profileFile() {
		return AwsProfiles.read(credentialsFile(), configFile());
	}

	private String shellProfile() {
		return hasText(env("AWS_PROFILE")) ? env("AWS_PROFILE") : "default";
	}

	private Path credentialsFile() {
		return new AwsFiles(this.environment, this.home).credentialsFile();
	}

	private Path configFile() {
		return new AwsFiles(this.environment, this.home).configFile();
	}

	private String env(String name) {
		return this.environment.apply(name);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
