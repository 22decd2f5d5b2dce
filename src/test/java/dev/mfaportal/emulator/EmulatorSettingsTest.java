package dev.mfaportal.emulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Settings and roles refuse what IAM would not allow, so a test cannot configure an
 * impossible account.
 */
class EmulatorSettingsTest {

	@Test
	void demoWhenCreatedThenDemoUserAndTwelveHourDemoRoles() {
		EmulatorSettings demo = EmulatorSettings.demo();
		assertThat(demo.users()).containsExactly(EmulatedUser.demo());
		assertThat(demo.roles()).containsExactly(
				new EmulatedRole("arn:aws:iam::123456789012:role/demo-admin", 43_200, false),
				new EmulatedRole("arn:aws:iam::123456789012:role/demo-mfa-admin", 43_200, true));
		assertThat(demo.iamDeniedUsers()).isEmpty();
	}

	@Test
	void ofWhenOnlyUsersThenNoRolesAndNoOneDenied() {
		EmulatorSettings settings = EmulatorSettings.of(EmulatedUser.demo());
		assertThat(settings.roles()).isEmpty();
		assertThat(settings.iamDeniedUsers()).isEmpty();
		assertThat(settings.withRoles(List.of(EmulatedRole.demo())).roles()).hasSize(1);
	}

	@Test
	void faultsWhenNegativeDelayOrRateThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Faults.NONE.withResponseDelay(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> Faults.NONE.withMaxRequestsPerSecond(-1));
	}

	@Test
	void withRolesWhenSameArnTwiceThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorSettings.demo()
			.withRoles(List.of(EmulatedRole.demo(), new EmulatedRole(EmulatedRole.DEMO_ROLE_ARN))));
	}

	@Test
	void roleWhenPathInArnThenNameWithoutPathAndOneHourByDefault() {
		EmulatedRole role = new EmulatedRole("arn:aws:iam::210987654321:role/service/ops/deployer");
		assertThat(role.roleName()).isEqualTo("deployer");
		assertThat(role.account()).isEqualTo("210987654321");
		assertThat(role.maxSessionDurationSeconds()).isEqualTo(3600);
		assertThat(role.roleId()).matches("AROA[A-Z2-7]{17}").isEqualTo(role.roleId());
	}

	@ParameterizedTest
	@ValueSource(ints = { 3599, 43_201 })
	void roleWhenMaxSessionDurationOutsideIamsRangeThenRejected(int seconds) {
		assertThatIllegalArgumentException().isThrownBy(() -> new EmulatedRole(EmulatedRole.DEMO_ROLE_ARN, seconds));
	}

	@ParameterizedTest
	@ValueSource(strings = { "arn:aws:iam::123456789012:user/demo", "arn:aws:iam::12345:role/admin",
			"arn:aws:sts::123456789012:assumed-role/admin/session", "admin" })
	void roleWhenArnNotARolesThenRejected(String arn) {
		assertThatIllegalArgumentException().isThrownBy(() -> new EmulatedRole(arn));
	}

}
