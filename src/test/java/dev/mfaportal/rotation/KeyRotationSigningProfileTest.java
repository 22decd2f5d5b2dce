package dev.mfaportal.rotation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.issuing.AttemptGuard;
import dev.mfaportal.rotation.KeyAges.KeyAge;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.IamSettings;
import dev.mfaportal.sts.SdkGateways;
import dev.mfaportal.sts.SigningProfile;
import dev.mfaportal.sts.StsSettings;
import dev.mfaportal.support.EmulatedAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's rotation and its age make their calls where issuing makes those the key signs:
 * at the endpoint its profile names and, for STS, in its region, not where the portal's
 * own settings or {@code AWS_PROFILE} point. The portal's real SDK gateways, with no
 * endpoint of their own, reach an emulator that only the key's profile names.
 */
class KeyRotationSigningProfileTest {

	static final EmulatedUser AGED = EmulatedAccounts.user("profileaged");

	static final EmulatedUser ROTATES = EmulatedAccounts.user("profilerotates");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(AGED, ROTATES));

	static final StsSettings PORTAL = new StsSettings(null, "us-east-1", null, Duration.ofSeconds(3),
			Duration.ofSeconds(10));

	static final SdkGateways aws = new SdkGateways(PORTAL, new IamSettings(null));

	static final RotationSettings SETTINGS = new RotationSettings(90, Duration.ofSeconds(4), Duration.ofMinutes(5));

	/**
	 * Where the key's profile sends its calls; the emulator does not check the region.
	 */
	static final String REGION = "eu-west-1";

	@AfterAll
	static void stop() {
		aws.close();
		emulator.close();
	}

	@BeforeEach
	void forget() {
		emulator.clearRecordedRequests();
	}

	@Test
	void ageWhenTheKeysProfileNamesAnEndpointThenIamThereTellsIt() {
		KeyAge age = ages().of(pair(AGED));

		assertThat(age).isEqualTo(new KeyAge(0L, false, 90));
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action).containsExactly("ListAccessKeys");
	}

	@Test
	void rotateWhenTheKeysProfileNamesAnEndpointThenEveryCallGoesThereAndStsInTheKeysRegion() {
		OneKey keys = new OneKey(pair(ROTATES));
		KeyRotation rotation = new KeyRotation(aws.sts(), aws.iam(),
				(actor, serial, code) -> AttemptGuard.Verdict.ADMITTED, (event) -> {
				}, Clock.systemUTC(), PORTAL, SETTINGS,
				new RotationSessions(new DefaultListableBeanFactory().getBeanProvider(HeldSessions.class)), ages());

		RotationResult result = rotation.rotate(keys, new KeyRotation.Request("alice", "127.0.0.1", "1",
				ROTATES.device().serialNumber(), EmulatedAccounts.code(ROTATES)), keys.pair);

		assertThat(result.messageKey()).as(result.arguments().toString()).isEqualTo("accesskey.rotate.done");
		assertThat(emulator.recordedRequests()).extracting(RecordedRequest::action)
			.containsExactly("ListAccessKeys", "GetSessionToken", "CreateAccessKey", "GetCallerIdentity",
					"DeleteAccessKey");
		assertThat(emulator.recordedRequests())
			.filteredOn((recorded) -> Set.of("GetSessionToken", "GetCallerIdentity").contains(recorded.action()))
			.extracting(RecordedRequest::region)
			.containsOnly(REGION);
		assertThat(emulator.recordedRequests()).allSatisfy((recorded) -> assertThat(recorded.succeeded()).isTrue());
		assertThat(keys.pair.accessKeyId()).isNotEqualTo(ROTATES.accessKeyId());
		assertThat(keys.pair.profile()).isEqualTo(pair(ROTATES).profile());
		assertThat(keys.pair.region()).isEqualTo(REGION);
	}

	private static KeyAges ages() {
		return new KeyAges(aws.iam(), PORTAL, SETTINGS, Clock.systemUTC());
	}

	/** The user's key, from a profile that names the emulator and another region. */
	private static KeyPair pair(EmulatedUser user) {
		return new KeyPair(user.userName(), user.accessKeyId(), user.secretAccessKey(), REGION,
				new SigningProfile(Map.of("endpoint_url", emulator.endpoint().toString()), Map.of()));
	}

	/** A store of one key, under id {@code 1}. */
	private static final class OneKey implements RotatableKeys {

		private volatile KeyPair pair;

		OneKey(KeyPair pair) {
			this.pair = pair;
		}

		@Override
		public Optional<KeyPair> find(String id) {
			return Optional.of(this.pair).filter((any) -> id.equals("1"));
		}

		@Override
		public void replace(String id, KeyPair newPair) {
			this.pair = newPair;
		}

	}

}
