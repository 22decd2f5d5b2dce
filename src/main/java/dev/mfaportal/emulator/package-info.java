/**
 * An in-process AWS STS emulator that speaks STS's real wire protocol (awsQuery over
 * HTTP, SigV4-signed), so integration tests and the demo profile drive the real SDK
 * {@code StsClient} instead of a fake gateway.
 * <p>
 * It is written against the wire format with nothing but the JDK, deliberately: an
 * emulator built from the SDK's own classes would agree with the SDK's mistakes and could
 * not catch a client bug. It checks signatures, validates TOTP codes (rejecting reuse),
 * applies STS's parameter constraints with STS's own message texts, and can inject
 * delays, throttling, disabled regions and failures. Besides GetSessionToken and
 * GetCallerIdentity it answers AssumeRole (with the role's and role chaining's duration
 * limits), IAM's ListMFADevices (requests signed for {@code iam}) and, at
 * {@code /federation}, the console sign-in endpoint that turns role credentials into a
 * console login.
 * <p>
 * Entry points: {@link dev.mfaportal.emulator.StsEmulatorServer} (HTTP on loopback)
 * configured by {@link dev.mfaportal.emulator.EmulatorSettings} (users, roles);
 * {@link dev.mfaportal.emulator.Totp} computes the code a demo device currently shows.
 * That is all the demo needs and all that is public. The controls only tests use (forced
 * failures, delays, disabled regions, throttling, recorded requests and console sign-ins,
 * dropped connections) are package-private and reached through {@code TestEmulator} in
 * the test sources of this package; {@code ModularityTest} lets only {@code demo} use
 * this package.
 */
package dev.mfaportal.emulator;
