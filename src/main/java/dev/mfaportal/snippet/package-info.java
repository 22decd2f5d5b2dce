/**
 * Credential snippets: pure functions from issued credentials to the exact text each
 * shell, the credentials file, {@code credential_process} and {@code .env} files expect;
 * and {@link dev.mfaportal.snippet.Json}, the JSON writer that the terminal endpoints
 * share with the {@code credential_process} snippet.
 */
package dev.mfaportal.snippet;
