package dev.mfaportal.accesskey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class StoredKeyCredentialSourcesTest {

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private final StoredAccessKeys keys = mock(StoredAccessKeys.class);

	private final StoredKeyCredentialSources sources = new StoredKeyCredentialSources(this.keys, settings(null));

	private static StsSettings settings(String region) {
		return new StsSettings(region, "us-east-1", null, Duration.ofSeconds(3), Duration.ofSeconds(20));
	}

	private static void signedIn(String name) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(name, "n/a", "ROLE_USER"));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void listWhenMemberHasKeysThenEachIsAStoredKeySourceWithoutASecret() {
		signedIn("alice");
		given(this.keys.list("alice"))
			.willReturn(List.of(new StoredKey(7, "alice", "Work", "AKIAIOSFODNN7EXAMPLE", T0, null),
					new StoredKey(9, "alice", "Personal", "AKIAI44QH8DHBEXAMPLE", T0, T0)));

		assertThat(this.sources.list()).containsExactly(
				new CredentialSource("key:7", Kind.STORED_KEY, "Work", "AKIA…MPLE", false, "us-east-1", null, false),
				new CredentialSource("key:9", Kind.STORED_KEY, "Personal", "AKIA…MPLE", false, "us-east-1", null,
						false));
		then(this.keys).should(never()).resolve(anyString(), anyLong());
	}

	@Test
	void listWhenRegionConfiguredThenEverySourceUsesIt() {
		signedIn("alice");
		given(this.keys.list("alice"))
			.willReturn(List.of(new StoredKey(7, "alice", "Work", "AKIAIOSFODNN7EXAMPLE", T0, null)));

		assertThat(new StoredKeyCredentialSources(this.keys, settings("eu-west-1")).list())
			.extracting(CredentialSource::region)
			.containsExactly("eu-west-1");
	}

	@Test
	void listWhenAnotherMemberHasKeysThenNoneOfThem() {
		signedIn("alice");
		given(this.keys.list("bob"))
			.willReturn(List.of(new StoredKey(8, "bob", "Work", "AKIAIOSFODNN7EXAMPLE", T0, null)));

		assertThat(this.sources.list()).extracting(CredentialSource::id).doesNotContain("key:8");
	}

	@Test
	void callerWhenCreatedThenNothingIsDecryptedUntilTheCallResolvesTheCredentials() {
		signedIn("alice");
		given(this.keys.resolve("alice", 7))
			.willReturn(Optional.of(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET)));
		CredentialSource source = workKey("eu-west-1");

		StsCaller caller = this.sources.caller(source);

		assertThat(caller.id()).isEqualTo("key:7");
		assertThat(caller.region()).isEqualTo("eu-west-1");
		assertThat(caller.endpoint()).isNull();
		then(this.keys).should(never()).resolve(anyString(), anyLong());
		assertThat(caller.credentials().resolveCredentials())
			.isEqualTo(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET));
	}

	@Test
	void callerWhenResolvedLaterThenStillTheOwnerWhoAskedNotWhoeverIsSignedInThen() {
		signedIn("alice");
		CredentialSource source = workKey("us-east-1");
		StsCaller caller = this.sources.caller(source);
		signedIn("bob");
		given(this.keys.resolve("alice", 7))
			.willReturn(Optional.of(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET)));

		caller.credentials().resolveCredentials();

		then(this.keys).should().resolve("alice", 7);
		then(this.keys).should(never()).resolve("bob", 7);
	}

	@Test
	void callerWhenKeyGoneOrNotDecryptableThenAnSdkClientErrorWithoutTheSecret() {
		signedIn("alice");
		CredentialSource source = workKey("us-east-1");
		StsCaller caller = this.sources.caller(source);

		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> caller.credentials().resolveCredentials())
			.withMessageContaining("The stored key Work is gone");
		given(this.keys.resolve("alice", 7)).willThrow(new AccessKeyDecryptionException("key id k0 is not configured"));
		assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> caller.credentials().resolveCredentials())
			.withMessageContaining("could not be decrypted")
			.withCauseInstanceOf(AccessKeyDecryptionException.class);
	}

	@Test
	void callerWhenNotAStoredKeySourceThenRefused() {
		signedIn("alice");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.sources.caller(new CredentialSource("profile:work", Kind.PROFILE, "work",
					"AKIA…MPLE", false, "us-east-1", null, false)));
		assertThat(StoredKeyCredentialSources.id("key:x")).isEmpty();
		assertThat(StoredKeyCredentialSources.id("key:12")).contains(12L);
	}

	@Test
	void searchedWhenAskedThenNothingBecauseKeysAreStoredOnTheKeysPage() {
		assertThat(this.sources.searched()).isEmpty();
		assertThat(this.sources.mfaDevices()).isEmpty();
	}

	/** Alice's stored key 7, "Work", as the form lists it. */
	private static CredentialSource workKey(String region) {
		return new CredentialSource("key:7", Kind.STORED_KEY, "Work", "AKIA…MPLE", false, region, null, false);
	}

}
