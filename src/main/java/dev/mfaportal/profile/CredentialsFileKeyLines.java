package dev.mfaportal.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.CredentialsFileKeys;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.sts.StsModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a profile's long-term key lines out of the credentials file the portal reads keys
 * from ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}) and back,
 * with the same byte-keeping, atomic writer as saved profiles. No log line or message
 * names more than the profile and the file.
 */
class CredentialsFileKeyLines implements CredentialsFileKeys {

	private static final Logger logger = LoggerFactory.getLogger(CredentialsFileKeyLines.class);

	static final String ID = "aws_access_key_id";

	static final String SECRET = "aws_secret_access_key";

	private final AwsFiles files;

	CredentialsFileKeyLines(AwsFiles files) {
		this.files = files;
	}

	private Path file() {
		return this.files.credentialsFile();
	}

	@Override
	public String fileName() {
		return CredentialsFileProfiles.shownName(file(), this.files);
	}

	@Override
	public Optional<LongTermKey> keys(String profile) {
		try {
			return keys(CredentialsFileProfiles.read(file()), profile);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The section's one pair; none when it holds two (repeated lines or a second copy of
	 * the section): which one a program uses depends on the program, and moving one would
	 * lose the other.
	 */
	private static Optional<LongTermKey> keys(CredentialsFileText text, String profile) {
		if (text.count(profile, ID) != 1 || text.count(profile, SECRET) != 1) {
			return Optional.empty();
		}
		return text.properties(profile)
			.filter((p) -> p.containsKey(ID) && p.containsKey(SECRET) && !p.containsKey("aws_session_token"))
			.map((p) -> new LongTermKey(p.get(ID), p.get(SECRET)));
	}

	@Override
	public void removeKeys(String profile, LongTermKey expected) {
		synchronized (CredentialsFileWrites.LOCK) {
			try {
				CredentialsFileText text = CredentialsFileProfiles.read(file());
				if (!keys(text, profile).equals(Optional.of(expected))) {
					throw new VaultException("vault.move.changed", profile, null, profile, fileName());
				}
				CredentialsFileText without = text.withoutProperties(profile, Set.of(ID, SECRET));
				if (without.properties(profile).map(Map::isEmpty).orElse(false)) {
					without = without.remove(profile);
				}
				CredentialsFileProfiles.writeThroughLinks(file(), without.text());
				logger.info("Removed the key lines of profile {} from {}", profile, file());
			}
			catch (IOException ex) {
				logger.warn("Could not remove the key lines of profile {} from {}: {}", profile, file(),
						ex.getClass().getSimpleName());
				throw new VaultException("vault.move.fileFailed", profile, null, fileName());
			}
		}
	}

	@Override
	public void putBack(String profile, LongTermKey pair) {
		if (!StsModel.isProfileName(profile)) {
			throw new VaultException("vault.putBack.name", profile, null, profile);
		}
		synchronized (CredentialsFileWrites.LOCK) {
			try {
				CredentialsFileText text = CredentialsFileProfiles.read(file());
				if (text.properties(profile).map((p) -> p.containsKey(ID) || p.containsKey(SECRET)).orElse(false)) {
					throw new VaultException("vault.putBack.taken", profile, null, profile, fileName());
				}
				CredentialsFileProfiles.writeThroughLinks(
						file(), text
							.withProperties(profile,
									ID + " = " + pair.accessKeyId() + "\n" + SECRET + " = " + pair.secretAccessKey()
											+ "\n")
							.text());
				logger.info("Put the keys of profile {} back into {}", profile, file());
			}
			catch (IOException ex) {
				logger.warn("Could not put the keys of profile {} back into {}: {}", profile, file(),
						ex.getClass().getSimpleName());
				throw new VaultException("vault.putBack.fileFailed", profile, null, fileName());
			}
		}
	}

}
