/**
 * Whose long-term keys sign the STS call: in local mode the person's own AWS setup
 * (environment and named profiles, read with the SDK's profile-file support).
 */
package dev.mfaportal.credentialsource;
