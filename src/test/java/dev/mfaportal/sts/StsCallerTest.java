package dev.mfaportal.sts;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A caller's keys read once: the call signs with the key that was there then, and the
 * portal can say which key that was, whatever the store holds by the time STS answers.
 */
class StsCallerTest {

	@Test
	void pinnedWhenTheStoreHoldsAnotherKeyLaterThenItSignsWithTheKeyReadFirst() {
		Queue<AwsCredentials> held = new ArrayDeque<>(
				List.of(AwsBasicCredentials.create("AKIAFIRST", "s1"), AwsBasicCredentials.create("AKIALATER", "s2")));
		StsCaller source = new StsCaller("vault:1", held::remove, "eu-west-1", null,
				new SigningProfile(Map.of(), Map.of()));

		StsCaller pinned = source.pinned();

		assertThat(pinned.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIAFIRST");
		assertThat(pinned.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIAFIRST");
		assertThat(pinned).extracting(StsCaller::id, StsCaller::region, StsCaller::profile)
			.containsExactly(source.id(), source.region(), source.profile());
	}

	@Test
	void pinnedWhenTheKeysCannotBeReadThenNoCredentials() {
		StsCaller locked = new StsCaller("vault:1", () -> {
			throw SdkClientException.create("The vault is locked");
		}, "eu-west-1", null);

		assertThatExceptionOfType(StsCallException.class).isThrownBy(locked::pinned)
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(StsFailure.NO_CREDENTIALS));
	}

}
