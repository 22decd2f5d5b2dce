package dev.mfaportal.credentialsource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger logger = LoggerFactory.getLogger(LocalCredentialSources.class);

	static final String ENVIRONMENT_ID = "environment";

	private static final String PROFILE_PREFIX = "profile:";

	private final Function<String, String> environment;

	private final Path home;

	private final StsSettings settings;

	/**
	 * The last list and what it was read from; it holds no secret, only masked key ids.
	 */
	private volatile Read<CredentialSource> listed;

	private volatile Read<RoleProfile> roles;

	/**
	 * @param environment the process environment ({@code System::getenv}), injectable for
	 * tests
	 * @param home the user's home folder
	 * @param settings for the region
	 */
	LocalCredentialSources(Function<String, String> environment, Path home, StsSettings settings) {
		this.environment = environment;
		this.home = home;
		this.settings = settings;
	}

	/**
	 * The sources, read again only when a file or an {@code AWS_*} variable it depends on
	 * changed: every page lists them, and parsing the files was a good part of the form's
	 * time. A file counts as changed when its modification time, size or identity (inode)
	 * differs, so an edit shows on the next page as before.
	 */
	@Override
	public List<CredentialSource> list() {
		List<Object> inputs = List.of(FileStamp.of(credentialsFile()), FileStamp.of(configFile()),
				String.valueOf(env("AWS_ACCESS_KEY_ID")), hasText(env("AWS_SECRET_ACCESS_KEY")),
				hasText(env("AWS_SESSION_TOKEN")), String.valueOf(env("AWS_PROFILE")),
				String.valueOf(env("AWS_REGION")), String.valueOf(env("AWS_DEFAULT_REGION")));
		Read<CredentialSource> last = this.listed;
		if (last != null && last.inputs().equals(inputs)) {
			return last.values();
		}
		// inputs were taken before the files are read: an edit during the read shows next
		// time
		List<CredentialSource> sources = List.copyOf(read());
		this.listed = new Read<>(inputs, sources);
		return sources;
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
					region(profile.orElse(null)), profile.map((p) -> mfaSerial(profiles, p)).orElse(null), true));
		}
		profiles.profiles()
			.values()
			.stream()
			.filter(LocalCredentialSources::hasStaticKeys)
			.sorted(Comparator.comparing((Profile profile) -> !profile.name().equals(shellProfile))
				.thenComparing(Profile::name))
			.forEach((profile) -> sources.add(new CredentialSource(PROFILE_PREFIX + profile.name(), Kind.PROFILE,
					profile.name(), AccessKeys.mask(profile.property("aws_access_key_id").get()),
					profile.property("aws_session_token").isPresent(), region(profile), mfaSerial(profiles, profile),
					!environmentKeys && profile.name().equals(shellProfile))));
		return sources;
	}

	@Override
	public StsCaller caller(CredentialSource source) {
		if (source.kind() == Kind.ENVIRONMENT) {
			String session = env("AWS_SESSION_TOKEN");
			String id = env("AWS_ACCESS_KEY_ID");
			String secret = env("AWS_SECRET_ACCESS_KEY");
			return new StsCaller(source.id(), StaticCredentialsProvider.create(hasText(session)
					? AwsSessionCredentials.create(id, secret, session) : AwsBasicCredentials.create(id, secret)),
					source.region(), null);
		}
		return new StsCaller(source.id(), () -> staticKeys(source.name()), source.region(), null);
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
			.filter((profile) -> profile.property("mfa_serial").filter(LocalCredentialSources::hasText).isPresent())
			.sorted(Comparator.comparing(Profile::name))
			.map((profile) -> new ProfileMfaDevice(profile.name(), profile.property("mfa_serial").get().trim(),
					keysFor(profiles, profile)))
			.toList();
	}

	/**
	 * Read again only when one of the two files changed, as {@link #list()}: every
	 * {@code /credentials/NAME} call and every page while a session is served asks.
	 */
	@Override
	public List<RoleProfile> roleProfiles() {
		List<Object> inputs = List.of(FileStamp.of(credentialsFile()), FileStamp.of(configFile()));
		Read<RoleProfile> last = this.roles;
		if (last != null && last.inputs().equals(inputs)) {
			return last.values();
		}
		List<RoleProfile> read = readRoleProfiles();
		this.roles = new Read<>(inputs, read);
		return read;
	}

	private List<RoleProfile> readRoleProfiles() {
		ProfileFile profiles = profileFile();
		return profiles.profiles()
			.values()
			.stream()
			.filter((profile) -> profile.property("role_arn").filter(LocalCredentialSources::hasText).isPresent()
					&& profile.property("source_profile").filter(LocalCredentialSources::hasText).isPresent())
			.sorted(Comparator.comparing(Profile::name))
			.map((profile) -> new RoleProfile(profile.name(), profile.property("role_arn").get().trim(),
					profile.property("source_profile")
						.flatMap(profiles::profile)
						.filter(LocalCredentialSources::hasStaticKeys)
						.map((source) -> PROFILE_PREFIX + source.name())
						.orElse(null),
					text(profile, "mfa_serial"), text(profile, "external_id"), text(profile, "role_session_name"),
					Optional.ofNullable(text(profile, "duration_seconds"))
						.filter((seconds) -> seconds.matches("\\d{1,9}"))
						.map(Integer::valueOf)
						.orElse(null)))
			.toList();
	}

	private static String text(Profile profile, String property) {
		return profile.property(property).filter(LocalCredentialSources::hasText).map(String::trim).orElse(null);
	}

	/**
	 * The source whose static keys go with a profile: its own, or its source_profile's.
	 */
	private static String keysFor(ProfileFile profiles, Profile profile) {
		Optional<Profile> withKeys = Optional.of(profile)
			.filter(LocalCredentialSources::hasStaticKeys)
			.or(() -> profile.property("source_profile")
				.flatMap(profiles::profile)
				.filter(LocalCredentialSources::hasStaticKeys));
		return withKeys.map((p) -> PROFILE_PREFIX + p.name()).orElse(null);
	}

	private static boolean hasStaticKeys(Profile profile) {
		return profile.property("aws_access_key_id").isPresent()
				&& profile.property("aws_secret_access_key").isPresent();
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

	/**
	 * The profile's own {@code mfa_serial}, else that of a role profile that uses its
	 * keys.
	 */
	private static String mfaSerial(ProfileFile profiles, Profile profile) {
		return profile.property("mfa_serial")
			.or(() -> profiles.profiles()
				.values()
				.stream()
				.filter((other) -> other.property("source_profile").map(profile.name()::equals).orElse(false))
				.flatMap((other) -> other.property("mfa_serial").stream())
				.findFirst())
			.orElse(null);
	}

	private ProfileFile profileFile() {
		ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
		// The file added first wins a property both define: the credentials file, as in
		// the SDK and the CLI.
		for (Map.Entry<Path, ProfileFile.Type> file : List.of(
				Map.entry(credentialsFile(), ProfileFile.Type.CREDENTIALS),
				Map.entry(configFile(), ProfileFile.Type.CONFIGURATION))) {
			if (Files.isRegularFile(file.getKey())) {
				try {
					aggregator.addFile(ProfileFile.builder().content(file.getKey()).type(file.getValue()).build());
				}
				catch (RuntimeException ex) {
					// Not the parser's message: it may quote a line of the file, and the
					// file holds secrets.
					logger.warn("Could not read {}: it is not a valid AWS profile file", file.getKey());
				}
			}
		}
		return aggregator.build();
	}

	/** A list and the file stamps and variables it was read from. */
	private record Read<T>(List<Object> inputs, List<T> values) {

	}

	/**
	 * What tells an edited file from the one read before; {@code absent} for a missing
	 * file.
	 */
	private record FileStamp(Path path, Object modified, long size, Object inode) {

		static FileStamp of(Path path) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
				return new FileStamp(path, attributes.lastModifiedTime(), attributes.size(),
						String.valueOf(attributes.fileKey()));
			}
			catch (IOException ex) {
				return new FileStamp(path, "absent", -1, "absent");
			}
		}

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
