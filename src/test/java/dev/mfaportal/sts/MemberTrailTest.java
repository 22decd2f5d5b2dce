package dev.mfaportal.sts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.mfaportal.emulator.EmulatedRole;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.SessionContext;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.security.HostileValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static dev.mfaportal.emulator.EmulatedUser.DEMO_ACCESS_KEY_ID;
import static dev.mfaportal.emulator.EmulatedUser.DEMO_SECRET_ACCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A portal user name as STS takes it: any name, hostile ones from a seeded generator
 * included, becomes a source identity and a tag value of STS's shapes, different names
 * stay different, and the real SDK client gets them past the emulator, which checks them
 * as STS does, into the session.
 */
class MemberTrailTest {

	static final Pattern SOURCE_IDENTITY = Pattern.compile("[\\w+=,.@-]{2,64}");

	static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

	static final String ROLE = "arn:aws:iam::123456789012:role/shared";

	private final TestEmulator server = TestEmulator
		.start(EmulatorSettings.demo().withRoles(List.of(new EmulatedRole(ROLE, 3600))));

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** A seeded run of hostile values, long ones, other scripts and near-collisions. */
	static List<String> hostileNames() {
		List<String> names = new ArrayList<>(List.of("a", "=", "aws:admin", "AWS:x", "a b", "a=20b", "a=3D", "é", "é",
				"zoë.o'brien@example.com", "x".repeat(64), "x".repeat(65), "é".repeat(40), "😀".repeat(30),
				"y".repeat(200) + "1", "y".repeat(200) + "2", "=".repeat(30), "\u0000\r\n", "\u202Egnp.exe"));
		HostileValues fuzz = new HostileValues(2121);
		for (int i = 0; i < 300; i++) {
			String value = fuzz.next("alice@example.com");
			if (!value.isEmpty()) {
				names.add(value);
			}
		}
		return names;
	}

	@Test
	void ofWhenTheNameFitsStsThenItIsTheSourceIdentityAndTheTagAsItIs() {
		for (String name : List.of("alice", "alice@example.com", "a.b-c_d+e=", "ab")) {
			MemberTrail trail = MemberTrail.of(name);
			String escaped = name.replace("=", "=3D");
			assertThat(trail.sourceIdentity()).isEqualTo(escaped);
			assertThat(trail.tags()).containsExactly(Map.entry(MemberTrail.MEMBER_TAG, escaped));
		}
		// a comma fits the source identity, not a tag value
		assertThat(MemberTrail.of("a,b").sourceIdentity()).isEqualTo("a,b");
		assertThat(MemberTrail.of("a,b").tags()).containsEntry(MemberTrail.MEMBER_TAG, "a=2Cb");
		assertThat(MemberTrail.of("Zoë Smith").tags()).containsEntry(MemberTrail.MEMBER_TAG, "Zoë Smith");
	}

	@Test
	void ofWhenTheNameHasOtherCharactersOrIsTooShortThenTheDocumentedMapping() {
		assertThat(MemberTrail.of("a").sourceIdentity()).isEqualTo("a=");
		assertThat(MemberTrail.of("=").sourceIdentity()).isEqualTo("=3D");
		assertThat(MemberTrail.of("aws:admin").sourceIdentity()).isEqualTo("aws=3Aadmin");
		assertThat(MemberTrail.of("Zoë Smith").sourceIdentity()).isEqualTo("Zo=C3=AB=20Smith");
		assertThat(MemberTrail.of("x".repeat(65)).sourceIdentity()).hasSize(64).startsWith("x".repeat(55) + "-");
	}

	@Test
	void ofWhenNamesAreHostileThenStsShapesAndDifferentNamesStayDifferent() {
		SoftAssertions softly = new SoftAssertions();
		Map<String, String> byIdentity = new HashMap<>();
		Map<String, String> byTag = new HashMap<>();
		for (String name : hostileNames()) {
			MemberTrail trail = MemberTrail.of(name);
			String tag = trail.tags().get(MemberTrail.MEMBER_TAG);
			softly.assertThat(trail.sourceIdentity()).as("source identity of %s", name).matches(SOURCE_IDENTITY);
			softly.assertThat(trail.sourceIdentity()).as("source identity of %s", name).doesNotStartWith("aws:");
			softly.assertThat(tag).as("tag of %s", name).matches(TAG_VALUE);
			String before = byIdentity.put(trail.sourceIdentity(), name);
			softly.assertThat(before == null || before.equals(name)).as("%s and %s", before, name).isTrue();
			before = byTag.put(tag, name);
			softly.assertThat(before == null || before.equals(name)).as("tags of %s and %s", before, name).isTrue();
		}
		softly.assertAll();
	}

	@Test
	void assumeRoleWhenHostileNamesThenTheRealClientGetsThemPastStsShapesIntoTheSession() {
		SdkStsGateway gateway = gateway();
		StsCaller caller = new StsCaller("demo",
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)),
				"us-east-1", this.server.endpoint());
		try {
			SoftAssertions softly = new SoftAssertions();
			for (String name : hostileNames().subList(0, 80)) {
				MemberTrail trail = MemberTrail.of(name);
				RoleCredentials role = gateway.assumeRole(caller,
						new RoleRequest(ROLE, "session", null, null, null, 900, trail));
				SessionContext kept = this.server.session(role.credentials().accessKeyId()).orElseThrow();
				softly.assertThat(kept.sourceIdentity()).as(name).isEqualTo(trail.sourceIdentity());
				softly.assertThat(kept.tags()).as(name).isEqualTo(trail.tags());
			}
			softly.assertAll();
		}
		finally {
			gateway.destroy();
		}
	}

	@Test
	void assumeRoleWhenTheTrustLacksTheActionsThenTheFailureThatShowsTheStatement() {
		this.server.updateSettings(
				(settings) -> settings.withRoles(List.of(new EmulatedRole(ROLE, 3600).trustAllowing(false, false))));
		SdkStsGateway gateway = gateway();
		StsCaller caller = new StsCaller("demo",
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)),
				"us-east-1", this.server.endpoint());
		try {
			StsCallException denied = assertThrows(StsCallException.class, () -> gateway.assumeRole(caller,
					new RoleRequest(ROLE, "session", null, null, null, 900, MemberTrail.of("alice"))));
			assertThat(denied.failure()).isEqualTo(StsFailure.MEMBER_NAME_NOT_TRUSTED);
			assertThat(denied.errorCode()).isEqualTo("AccessDenied");
			assertThat(gateway.assumeRole(caller, new RoleRequest(ROLE, "session", null, null, null, 900))
				.assumedRoleArn()).endsWith("/shared/session");
		}
		finally {
			gateway.destroy();
		}
	}

	private static SdkStsGateway gateway() {
		StsSettings settings = new StsSettings(null, "us-east-1", null, Duration.ofSeconds(2), Duration.ofSeconds(5));
		return new SdkStsGateway(settings, StsHttpClient.create(settings), new SimpleMeterRegistry());
	}

}
