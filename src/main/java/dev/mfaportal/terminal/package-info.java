/**
 * Serving terminals, local mode only: the MFA session a person asked the portal to keep,
 * held in this JVM's memory until it expires or they stop it, handed to SDKs and the AWS
 * CLI at {@code /credentials} (container-credentials and {@code credential_process}
 * shapes), and the role profiles of their AWS config assumed from it at
 * {@code /credentials/{profile}} without a second code. Programs authenticate with the
 * token of {@code ~/.mfa-portal/terminal-token}; no cookie, launch token or CORS header
 * admits anyone. Team mode loads none of it and every route answers 404.
 */
package dev.mfaportal.terminal;
