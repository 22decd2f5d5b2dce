package dev.mfaportal.sts;

import java.util.Map;

import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.StringInputStream;

/** The signing profile of a profile {@code work} written as lines of a config file. */
final class SigningProfiles {

	private SigningProfiles() {
	}

	/**
	 * @param profileLines the lines below {@code [profile work]}, and any sections after
	 * @param environment the process environment the profile is read with
	 */
	static SigningProfile work(String profileLines, Map<String, String> environment) {
		ProfileFile files = ProfileFile.builder()
			.content(new StringInputStream("[profile work]\n" + profileLines))
			.type(ProfileFile.Type.CONFIGURATION)
			.build();
		return SigningProfile.of(files, "work", environment::get);
	}

}
