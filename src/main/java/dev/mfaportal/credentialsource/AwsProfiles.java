package dev.mfaportal.credentialsource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * How the portal reads the AWS files, parsed by the SDK: which profiles hold static keys,
 * which MFA device goes with a profile, and which profiles name a role to assume.
 */
final class AwsProfiles {

	private static final Logger logger = LoggerFactory.getLogger(AwsProfiles.class);

	static final String PROFILE_PREFIX = "profile:";

	private AwsProfiles() {
	}

	/**
	 * Both files as one; the credentials file wins a property both define, as in the SDK
	 * and the CLI. A missing or unreadable file counts as empty.
	 */
	static ProfileFile read(Path credentialsFile, Path configFile) {
		ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
		for (Map.Entry<Path, ProfileFile.Type> file : List.of(Map.entry(credentialsFile, ProfileFile.Type.CREDENTIALS),
				Map.entry(configFile, ProfileFile.Type.CONFIGURATION))) {
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

	/**
	 * The first of the two files that exists but that the SDK refuses to parse (the CLI
	 * takes {@code region: us-east-1}, the SDK does not).
	 */
	static Optional<Path> refusedFile(Path credentialsFile, Path configFile) {
		for (Map.Entry<Path, ProfileFile.Type> file : List.of(Map.entry(credentialsFile, ProfileFile.Type.CREDENTIALS),
				Map.entry(configFile, ProfileFile.Type.CONFIGURATION))) {
			if (Files.isRegularFile(file.getKey())) {
				try {
					ProfileFile.builder().content(file.getKey()).type(file.getValue()).build().profiles();
				}
				catch (RuntimeException ex) {
					return Optional.of(file.getKey());
				}
			}
		}
		return Optional.empty();
	}

	static boolean hasStaticKeys(Profile profile) {
		return profile.property("aws_access_key_id").isPresent()
				&& profile.property("aws_secret_access_key").isPresent();
	}

	/**
	 * The profile's own {@code mfa_serial}, else that of a role profile that uses its
	 * keys.
	 */
	static String mfaSerial(ProfileFile profiles, Profile profile) {
		return profile.property("mfa_serial")
			.or(() -> profiles.profiles()
				.values()
				.stream()
				.filter((other) -> other.property("source_profile").map(profile.name()::equals).orElse(false))
				.flatMap((other) -> other.property("mfa_serial").stream())
				.findFirst())
			.orElse(null);
	}

	/**
	 * The source whose static keys go with a profile: its own, or its source_profile's,
	 * in the credentials file or in the vault under the same name.
	 */
	static String keysFor(ProfileFile profiles, Profile profile, Predicate<String> inVault) {
		if (hasStaticKeys(profile) || inVault.test(profile.name())) {
			return PROFILE_PREFIX + profile.name();
		}
		return profile.property("source_profile")
			.filter((source) -> inVault.test(source)
					|| profiles.profile(source).filter(AwsProfiles::hasStaticKeys).isPresent())
			.map((source) -> PROFILE_PREFIX + source)
			.orElse(null);
	}

	/**
	 * The {@code mfa_serial} for a profile name, also where only the config file (or a
	 * role profile built on it) names it: a profile moved into the vault keeps its
	 * device.
	 */
	static String mfaSerial(ProfileFile profiles, String name) {
		return mfaSerial(profiles,
				profiles.profile(name).orElseGet(() -> Profile.builder().name(name).properties(Map.of()).build()));
	}

	/**
	 * The profiles that name a {@code role_arn} and a {@code source_profile}, by name; a
	 * source profile whose keys moved into the vault still counts.
	 */
	static List<RoleProfile> roleProfiles(ProfileFile profiles, Predicate<String> inVault) {
		return profiles.profiles()
			.values()
			.stream()
			.filter((profile) -> text(profile, "role_arn") != null && text(profile, "source_profile") != null)
			.sorted(Comparator.comparing(Profile::name))
			.map((profile) -> new RoleProfile(profile.name(), text(profile, "role_arn"),
					profile.property("source_profile")
						.filter((source) -> inVault.test(source)
								|| profiles.profile(source).filter(AwsProfiles::hasStaticKeys).isPresent())
						.map((source) -> PROFILE_PREFIX + source)
						.orElse(null),
					text(profile, "mfa_serial"), text(profile, "external_id"), text(profile, "role_session_name"),
					Optional.ofNullable(text(profile, "duration_seconds"))
						.filter((seconds) -> seconds.matches("\\d{1,9}"))
						.map(Integer::valueOf)
						.orElse(null)))
			.toList();
	}

	/** A property's value, trimmed, or {@code null} when absent or blank. */
	static String text(Profile profile, String property) {
		return profile.property(property).filter((value) -> !value.isBlank()).map(String::trim).orElse(null);
	}

}
