package dev.mfaportal.terminal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.issuing.ServeRequested;
import dev.mfaportal.sts.SigningProfile;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeldSessionTest {

	/**
	 * The roles a terminal asks for are assumed with the held session's keys, at the
	 * endpoint the AWS CLI would use with the profile those keys came from.
	 */
	@Test
	void holdWhenTheSourcesProfileNamesEndpointSettingsThenTheSessionSignsWithThem() {
		SigningProfile fips = new SigningProfile(Map.of("use_fips_endpoint", "true"), Map.of());
		CredentialSources sources = new CredentialSources() {

			@Override
			public List<CredentialSource> list() {
				return List.of();
			}

			@Override
			public StsCaller caller(CredentialSource source) {
				return new StsCaller(source.id(), null, "eu-west-1", null, fips);
			}

			@Override
			public List<SearchedPlace> searched() {
				return List.of();
			}

		};
		CredentialSource source = new CredentialSource("profile:work", CredentialSource.Kind.PROFILE, "work", "AKIA…",
				false, "eu-west-1", null, false);
		HeldSession held = new HeldSession(sources, Clock.systemUTC());

		held.on(new ServeRequested(new TemporaryCredentials("ASIAH26", "s", "t", Instant.now().plusSeconds(3600)),
				source, "arn:aws:iam::1:mfa/work"));

		assertThat(held.current()).hasValueSatisfying((session) -> {
			assertThat(session.signer().profile()).isEqualTo(fips);
			assertThat(session.signer().region()).isEqualTo("eu-west-1");
		});
	}

}
