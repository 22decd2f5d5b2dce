package dev.mfaportal.sts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.StringInputStream;

/**
 * The endpoint settings of the profile whose keys sign a call, so that the portal reaches
 * the STS and IAM endpoints the AWS CLI reaches with {@code --profile NAME}: FIPS,
 * dual-stack, {@code sts_regional_endpoints} and {@code endpoint_url}, also through a
 * {@code [services ...]} section. Only these settings, never the profile's keys: the
 * clients built from them are cached, and each is shared by every profile with the same
 * settings.
 *
 * @param settings the endpoint settings the profile names, by their name in the AWS
 * files; {@code sts_regional_endpoints} as the environment overrides it
 * @param serviceEndpointUrls the {@code endpoint_url} of each block ({@code sts},
 * {@code iam}) in the profile's {@code [services ...]} section, by the block's name
 */
public record SigningProfile(Map<String, String> settings, Map<String, String> serviceEndpointUrls) {

	static final String REGIONAL_ENDPOINTS = "sts_regional_endpoints";

	/** The settings the SDK or the CLI read for the endpoint of STS and of IAM. */
	private static final List<String> ENDPOINT_SETTINGS = List.of("endpoint_url", "ignore_configured_endpoint_urls",
			"use_dualstack_endpoint", "use_fips_endpoint", REGIONAL_ENDPOINTS);

	/** The services the portal calls, by their block's name in a services section. */
	private static final List<String> SERVICES = List.of("iam", "sts");

	/** The name the profile has in the file built for the SDK: any one would do. */
	static final String NAME = "signing";

	public SigningProfile {
		settings = Map.copyOf(settings);
		serviceEndpointUrls = Map.copyOf(serviceEndpointUrls);
	}

	/**
	 * The settings of a profile in the AWS files, as the CLI reads them.
	 * @param files both AWS files, parsed by the SDK
	 * @param name the profile whose keys sign
	 * @param environment the process environment: {@code AWS_STS_REGIONAL_ENDPOINTS} wins
	 * over the profile's setting, as in the CLI
	 */
	public static SigningProfile of(ProfileFile files, String name, Function<String, String> environment) {
		Optional<Profile> profile = files.profile(name);
		Map<String, String> settings = new TreeMap<>();
		profile.ifPresent((p) -> ENDPOINT_SETTINGS
			.forEach((setting) -> p.property(setting).filter(SigningProfile::oneLine).ifPresent((value) -> {
				settings.put(setting, asTheCliReads(setting, value.trim()));
			})));
		String regional = environment.apply("AWS_STS_REGIONAL_ENDPOINTS");
		if (regional != null && oneLine(regional)) {
			settings.put(REGIONAL_ENDPOINTS, regional.trim());
		}
		Map<String, String> serviceEndpointUrls = new TreeMap<>();
		profile.flatMap((p) -> p.property("services"))
			.flatMap((services) -> files.getSection("services", services.trim()))
			.ifPresent((section) -> SERVICES.forEach((service) -> section.property(service + ".endpoint_url")
				.filter(SigningProfile::oneLine)
				.ifPresent((url) -> serviceEndpointUrls.put(service, url.trim()))));
		return new SigningProfile(settings, serviceEndpointUrls);
	}

	/**
	 * The CLI takes any true/false setting that isn't {@code true} (in any case) as
	 * false; the SDK refuses to build a client for {@code yes} or {@code 1}, after the
	 * code was admitted. So the SDK gets the value the CLI acts on.
	 */
	private static String asTheCliReads(String setting, String value) {
		if (setting.startsWith("use_") || setting.startsWith("ignore_")) {
			return String.valueOf("true".equalsIgnoreCase(value));
		}
		return value;
	}

	/**
	 * Whether STS is reached at its global endpoint for the regions that had it
	 * ({@code sts_regional_endpoints = legacy}): the SDK ignores this setting, the CLI
	 * does not.
	 */
	boolean legacyGlobalEndpoint() {
		return "legacy".equalsIgnoreCase(this.settings.get(REGIONAL_ENDPOINTS));
	}

	/**
	 * A configuration file with these settings alone under {@link #NAME}, for the SDK to
	 * resolve the endpoint of each service with its own rules (the environment before the
	 * profile).
	 */
	ProfileFile profileFile() {
		StringBuilder content = new StringBuilder("[profile ").append(NAME).append("]\n");
		this.settings.forEach((setting, value) -> content.append(setting).append(" = ").append(value).append('\n'));
		if (!this.serviceEndpointUrls.isEmpty()) {
			content.append("services = ").append(NAME).append("\n[services ").append(NAME).append("]\n");
			this.serviceEndpointUrls.forEach(
					(service, url) -> content.append(service).append(" =\n  endpoint_url = ").append(url).append('\n'));
		}
		return ProfileFile.builder()
			.content(new StringInputStream(content.toString()))
			.type(ProfileFile.Type.CONFIGURATION)
			.build();
	}

	/** A value that cannot start another line of the file built for the SDK. */
	private static boolean oneLine(String value) {
		return !value.isBlank() && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
	}

}
