package dev.mfaportal.terminal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.issuing.ServeRequested;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.SigningProfile;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

class HeldSessionTest {

	static final TemporaryCredentials SESSION = new TemporaryCredentials("ASIAH26", "s", "t",
			Instant.now().plusSeconds(3600));

	/**
	 * The roles a terminal asks for are assumed with the held session's keys, at the
	 * endpoint the AWS CLI would use with the profile those keys came from.
	 */
	@Test
	void holdWhenTheSourcesProfileNamesEndpointSettingsThenTheSessionSignsWithThem() {
		SigningProfile fips = new SigningProfile(Map.of("use_fips_endpoint", "true"), Map.of());
		CredentialSource source = new CredentialSource("profile:work", CredentialSource.Kind.PROFILE, "work", "AKIA…",
				false, "eu-west-1", null, false);
		HeldSession held = new HeldSession(
				sources((signing) -> new StsCaller(signing.id(), null, "eu-west-1", null, fips)), Clock.systemUTC());

		held.on(new ServeRequested(SESSION, source, "arn:aws:iam::1:mfa/work", "AKIAWORK"));

		assertThat(held.current()).hasValueSatisfying((session) -> {
			assertThat(session.signer().profile()).isEqualTo(fips);
			assertThat(session.signer().region()).isEqualTo("eu-west-1");
		});
	}

	/**
	 * A vault key replaced between signing GetSessionToken and the holding of its session
	 * (rotated in another tab, or removed and another stored under its label): the
	 * session is the key's that signed, and no rotation of the new key may use it.
	 */
	@Test
	void holdWhenTheKeyWasReplacedAfterItSignedThenTheSessionIsTheSigningKeysAlone() {
		String signed = "AKIAOLDVAULTKEY00001";
		String replacedBy = "AKIANEWVAULTKEY00001";
		CredentialSource source = new CredentialSource("profile:work", CredentialSource.Kind.VAULT, "work", "AKIA…0001",
				false, "eu-west-1", null, false);
		// What the vault holds under the label by now.
		HeldSession held = new HeldSession(sources((signing) -> new StsCaller(signing.id(),
				StaticCredentialsProvider.create(AwsBasicCredentials.create(replacedBy, "s")), "eu-west-1", null)),
				Clock.systemUTC());

		held.on(new ServeRequested(SESSION, source, "arn:aws:iam::1:mfa/work", signed));

		assertThat(held.current())
			.hasValueSatisfying((session) -> assertThat(session.longTermKeyId()).isEqualTo(signed));
		HeldRotationSessions offered = new HeldRotationSessions(held);
		assertThat(offered.madeFrom(new KeyPair("work", replacedBy, "s"))).isEmpty();
		assertThat(offered.madeFrom(new KeyPair("work", signed, "s"))).isPresent();
	}

	private static CredentialSources sources(Function<CredentialSource, StsCaller> caller) {
		return new CredentialSources() {

			@Override
			public List<CredentialSource> list() {
				return List.of();
			}

			@Override
			public StsCaller caller(CredentialSource source) {
				return caller.apply(source);
			}

			@Override
			public List<SearchedPlace> searched() {
				return List.of();
			}

		};
	}

}
