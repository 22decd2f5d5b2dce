package dev.mfaportal.credentialsource;

import java.util.List;

import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.sts.StsCaller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One way to a source and its signer for every implementation, a key typed in for one
 * call included.
 */
class CredentialSourcesTest {

	static final CredentialSource WORK = new CredentialSource("profile:work", Kind.PROFILE, "work", "AKIA…WXYZ", false,
			"eu-west-1", null, false);

	static final TypedKey TYPED = new TypedKey("AKIAONCE000000000001", "OnceSecret/000000000000000000000000000001");

	@Test
	void resolveWhenOneTimeKeysOfferedThenTheTypedKeyIsASourceThatShowsOnlyItsMaskedId() {
		CredentialSource once = sources(true).resolve("once", List.of(WORK), TYPED, "us-east-1").orElseThrow();

		assertThat(once.kind()).isEqualTo(Kind.ONE_TIME);
		assertThat(once.region()).isEqualTo("us-east-1");
		assertThat(once.maskedAccessKeyId()).doesNotContain(TYPED.accessKeyId());
		assertThat(once.toString()).doesNotContain(TYPED.secretAccessKey());
	}

	@Test
	void resolveWhenOneTimeKeysNotOfferedThenOnceIsNoSource() {
		assertThat(sources(false).resolve("once", List.of(WORK), TYPED, "us-east-1")).isEmpty();
	}

	@Test
	void resolveWhenTheIdIsListedThenThatSourceElseNone() {
		assertThat(sources(true).resolve("profile:work", List.of(WORK), TYPED, "us-east-1")).contains(WORK);
		assertThat(sources(true).resolve("profile:gone", List.of(WORK), TYPED, "us-east-1")).isEmpty();
		assertThat(sources(true).resolve(null, List.of(WORK), TYPED, "us-east-1")).isEmpty();
	}

	@Test
	void callerWhenOneTimeThenSignsWithTheTypedKeyElseWithTheSourcesOwn() {
		CredentialSources sources = sources(true);
		CredentialSource once = sources.resolve("once", List.of(WORK), TYPED, "us-east-1").orElseThrow();

		AwsCredentials signing = sources.caller(once, TYPED).credentials().resolveCredentials();
		assertThat(signing.accessKeyId()).isEqualTo(TYPED.accessKeyId());
		assertThat(signing.secretAccessKey()).isEqualTo(TYPED.secretAccessKey());
		assertThat(sources.caller(WORK, TYPED).id()).isEqualTo("own:profile:work");
	}

	@Test
	void typedKeyWhenPrintedThenNoSecretAndNoFullId() {
		assertThat(TYPED.toString()).doesNotContain(TYPED.secretAccessKey()).doesNotContain(TYPED.accessKeyId());
	}

	private static CredentialSources sources(boolean oneTimeKeys) {
		return new CredentialSources() {

			@Override
			public List<CredentialSource> list() {
				return List.of(WORK);
			}

			@Override
			public StsCaller caller(CredentialSource source) {
				return new StsCaller("own:" + source.id(), AnonymousCredentialsProvider.create(), source.region(),
						null);
			}

			@Override
			public List<SearchedPlace> searched() {
				return List.of();
			}

			@Override
			public boolean offersOneTimeKeys() {
				return oneTimeKeys;
			}

		};
	}

}
