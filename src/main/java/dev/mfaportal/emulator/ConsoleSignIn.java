package dev.mfaportal.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * A console sign-in the federation endpoint let through: a sign-in token was exchanged at
 * {@code Action=login} and the browser sent on to the destination.
 *
 * @param signedInAt the emulator's clock at the login
 * @param roleArn the role whose credentials asked for the sign-in token
 * @param assumedRoleArn the assumed-role session,
 * {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
 * @param sessionDuration the console session length asked for at {@code getSigninToken},
 * or {@code null} if none was
 * @param issuer the {@code Issuer} parameter of the login, or {@code null}
 * @param destination where the browser was redirected
 */
public record ConsoleSignIn(Instant signedInAt, String roleArn, String assumedRoleArn, Duration sessionDuration,
		String issuer, String destination) {
}
