/**
 * Credential snippets: pure functions from issued credentials to the exact text each
 * shell, the credentials file, {@code credential_process} and {@code .env} files expect.
 */
package dev.mfaportal.snippet;
