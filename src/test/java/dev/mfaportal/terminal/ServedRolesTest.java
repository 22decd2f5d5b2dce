package dev.mfaportal.terminal;

import java.time.Clock;
import java.time.Instant;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.sts.CallerIdentity;
import dev.mfaportal.sts.RoleCredentials;
import dev.mfaportal.sts.RoleRequest;
import dev.mfaportal.sts.SessionTokenRequest;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The order of a served role's last steps, with STS faked (the HTTP path is
 * TerminalIntegrationTest's): Stop pressed while the served row is written still ends the
 * role's way to the terminal.
 */
class ServedRolesTest {

	@Test
	void credentialsWhenStopLandsWhileTheServedRowIsWrittenThenNoRoleIsHandedOutOrKept() {
		TemporaryCredentials session = new TemporaryCredentials("ASIASESSION", "s", "t",
				Instant.now().plusSeconds(3600));
		RoleCredentials role = new RoleCredentials(
				new TemporaryCredentials("ASIAROLE", "rs", "rt", Instant.now().plusSeconds(3600)), "arn:role");
		StsGateway sts = new StsGateway() {
			@Override
			public TemporaryCredentials getSessionToken(StsCaller caller, SessionTokenRequest request) {
				throw new UnsupportedOperationException();
			}

			@Override
			public RoleCredentials assumeRole(StsCaller caller, RoleRequest request) {
				return role;
			}

			@Override
			public CallerIdentity callerIdentity(StsCaller caller) {
				throw new UnsupportedOperationException();
			}
		};
		CredentialSource source = new CredentialSource("profile:a", CredentialSource.Kind.PROFILE, "a", "AKIA…", false,
				"us-east-1", null, false);
		RoleCache cache = new RoleCache();
		HeldSession.Held held = new HeldSession.Held(session, source, "arn:aws:iam::1:mfa/a",
				new StsCaller("a", null, "us-east-1", null), cache, null);
		// the served row is published between the role kept and the role returned: Stop
		// lands there
		ServedRoles roles = new ServedRoles(sts, (event) -> cache.close(), Clock.systemUTC());
		RoleProfile profile = new RoleProfile("r", "arn:aws:iam::1:role/r", "profile:a", null, null, null, null);

		assertThatExceptionOfType(ServedRoles.SessionEnded.class)
			.isThrownBy(() -> roles.credentials(profile, held, "127.0.0.1"));
		assertThat(cache.size()).isZero();
	}

}
