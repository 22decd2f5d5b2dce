package dev.mfaportal.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import dev.mfaportal.rotation.KeyAges.KeyAge;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.IamCallException;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's age from ListAccessKeys' CreateDate, asked with the key itself: due past the
 * configured days, unknown where IAM denies the call or does not list the key.
 */
class KeyAgesTest {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static final KeyPair PAIR = new KeyPair("Work", "AKIAAGEDKEY000000001", "secret");

	private static KeyAge age(Function<StsCaller, List<IamGateway.AccessKeyInfo>> listed) {
		IamGateway iam = new IamGateway() {

			@Override
			public NewAccessKey createAccessKey(StsCaller caller) {
				throw new AssertionError("an age creates nothing");
			}

			@Override
			public void deleteAccessKey(StsCaller caller, String accessKeyId) {
				throw new AssertionError("an age deletes nothing");
			}

			@Override
			public List<AccessKeyInfo> listAccessKeys(StsCaller caller) {
				assertThat(caller.credentials().resolveCredentials().accessKeyId()).isEqualTo(PAIR.accessKeyId());
				return listed.apply(caller);
			}

		};
		return new KeyAges(iam, new StsSettings(null, "us-east-1", null, Duration.ofSeconds(3), Duration.ofSeconds(20)),
				new RotationSettings(90, Duration.ofSeconds(20), Duration.ofMinutes(5)),
				Clock.fixed(NOW, ZoneOffset.UTC))
			.of(PAIR);
	}

	private static List<IamGateway.AccessKeyInfo> createdDaysAgo(long days) {
		return List.of(new IamGateway.AccessKeyInfo("AKIAOTHERKEY00000001", "Active", NOW.minus(Duration.ofDays(1))),
				new IamGateway.AccessKeyInfo(PAIR.accessKeyId(), "Active", NOW.minus(Duration.ofDays(days))));
	}

	@Test
	void ageWhenTheKeyIsNinetyDaysOldThenNotYetDueAndAtNinetyOneDue() {
		assertThat(age((caller) -> createdDaysAgo(90))).isEqualTo(new KeyAge(90L, false, 90));
		assertThat(age((caller) -> createdDaysAgo(91))).isEqualTo(new KeyAge(91L, true, 90));
	}

	@Test
	void ageWhenIamDeniesOrDoesNotListTheKeyThenUnknown() {
		assertThat(age((caller) -> {
			throw new IamCallException("AccessDenied", "not authorized to perform: iam:ListAccessKeys", "r", null);
		}).known()).isFalse();
		assertThat(age((caller) -> List.of()).known()).isFalse();
	}

}
