package dev.mfaportal.profile;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.CredentialsFileKeys;

/**
 * The profile feature's real mover of key lines, over a test's own AWS files, for tests
 * outside this package.
 */
public final class KeyLinesForTests {

	private KeyLinesForTests() {
	}

	public static CredentialsFileKeys in(AwsFiles files) {
		return new CredentialsFileKeyLines(files);
	}

}
