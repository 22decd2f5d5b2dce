package dev.mfaportal.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.issuing.ProfileSaver;
import dev.mfaportal.snippet.SnippetFormat;
import dev.mfaportal.snippet.Snippets;
import dev.mfaportal.sts.StsModel;
import dev.mfaportal.sts.TemporaryCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves issued credentials as one section of the person's credentials file, and removes
 * it again. The file is rewritten whole through a temporary file in its own folder and an
 * atomic rename, so a reader never sees half of it; every byte outside the section stays
 * (read and written as ISO-8859-1, which maps each byte to one character and back).
 */
class CredentialsFileProfiles implements ProfileSaver {

	private static final Logger logger = LoggerFactory.getLogger(CredentialsFileProfiles.class);

	/**
	 * What the portal writes in a section, and all a section may hold for it to be
	 * replaced.
	 */
	private static final Set<String> SESSION_KEYS = Set.of("aws_access_key_id", "aws_secret_access_key",
			"aws_session_token");

	private final ProfileSettings settings;

	private final AwsFiles files;

	private final CredentialSources sources;

	CredentialsFileProfiles(ProfileSettings settings, AwsFiles files, CredentialSources sources) {
		this.settings = settings;
		this.files = files;
		this.sources = sources;
	}

	/** What removing a profile did. */
	enum Removal {

		REMOVED, ABSENT, LONG_TERM_KEYS, FOREIGN, FAILED

	}

	/** What a section holds that decides whether the portal may replace or remove it. */
	private enum Holding {

		/** No such section, or only what the portal writes. */
		REPLACEABLE,
		/** An access key without a session token, in any copy. */
		LONG_TERM_KEYS,
		/**
		 * A copy the portal didn't write (no expiry comment) holding more than session
		 * keys: {@code credential_process}, {@code role_arn}, {@code sso_*}, anything.
		 */
		FOREIGN

	}

	Path file() {
		return (this.settings.credentialsFile() != null) ? this.settings.credentialsFile()
				: this.files.credentialsFile();
	}

	@Override
	public String fileName() {
		return shownName(file(), this.files);
	}

	/** A file as a page names it: {@code ~/…} under the home folder. */
	static String shownName(Path path, AwsFiles files) {
		Path file = path.toAbsolutePath().normalize();
		Path home = files.home().toAbsolutePath().normalize();
		return file.startsWith(home) ? "~/" + home.relativize(file).toString().replace('\\', '/') : file.toString();
	}

	@Override
	public Optional<Refusal> refusal(String profileName, CredentialSource source) {
		if (!StsModel.isProfileName(profileName)) {
			return Optional.of(new Refusal("profile.refused.name", List.of(String.valueOf(profileName))));
		}
		if (source != null && source.kind() == CredentialSource.Kind.PROFILE && source.name().equals(profileName)) {
			return Optional
				.of(new Refusal("profile.refused.source", List.of(profileName, suggestion(profileName, source))));
		}
		try {
			CredentialsFileTarget target = CredentialsFileTarget.of(file());
			if (target.problem() != null) {
				return Optional.of(new Refusal(target.problem().refusalCode(), List.of(profileName, fileName())));
			}
			Holding holding = holding(read(target), profileName);
			if (holding == Holding.LONG_TERM_KEYS || longTermElsewhere(profileName)) {
				return Optional.of(new Refusal("profile.refused.longTerm",
						List.of(profileName, fileName(), suggestion(profileName, source))));
			}
			if (holding == Holding.FOREIGN) {
				return Optional.of(new Refusal("profile.refused.foreign",
						List.of(profileName, fileName(), suggestion(profileName, source))));
			}
		}
		catch (IOException ex) {
			logger.warn("Could not read {}: {}", file(), ex.getClass().getSimpleName());
			return Optional.of(new Refusal("profile.refused.unreadable", List.of(fileName())));
		}
		return Optional.empty();
	}

	@Override
	public SavedProfile save(String profileName, TemporaryCredentials credentials) {
		if (!StsModel.isProfileName(profileName)) {
			return new SavedProfile(profileName, fileName(), "profile.refused.name");
		}
		try {
			synchronized (CredentialsFileWrites.LOCK) {
				// checked again under the lock: the file may have changed since the form
				CredentialsFileTarget target = CredentialsFileTarget.of(file());
				if (target.problem() != null) {
					return new SavedProfile(profileName, fileName(), target.problem().failureCode());
				}
				CredentialsFileText text = read(target);
				Holding holding = holding(text, profileName);
				if (holding != Holding.REPLACEABLE) {
					return new SavedProfile(profileName, fileName(),
							(holding == Holding.FOREIGN) ? "profile.failed.foreign" : "profile.failed.longTerm");
				}
				String block = Snippets.render(SnippetFormat.CREDENTIALS_FILE, credentials, profileName).content();
				CredentialsFileWrites.write(target.path(), text.put(profileName, block).text());
			}
			logger.info("Saved profile {} in {}", profileName, file());
			return new SavedProfile(profileName, fileName(), null);
		}
		catch (IOException | RuntimeException ex) {
			// the exception's message, never the file's content
			logger.warn("Could not save profile {} in {}: {}", profileName, file(), ex.toString());
			return new SavedProfile(profileName, fileName(), "profile.failed.write");
		}
	}

	/**
	 * Removes a section the portal could have written; long-term keys and foreign
	 * settings stay.
	 */
	Removal remove(String profileName) {
		try {
			synchronized (CredentialsFileWrites.LOCK) {
				CredentialsFileTarget target = CredentialsFileTarget.of(file());
				if (target.problem() == CredentialsFileTarget.Problem.FOLDER) {
					// no file can be where no folder can be
					return Removal.ABSENT;
				}
				if (target.problem() != null) {
					logger.warn("Could not remove profile {} from {}: {}", profileName, file(), target.problem());
					return Removal.FAILED;
				}
				CredentialsFileText text = read(target);
				if (text.copies(profileName).isEmpty()) {
					return Removal.ABSENT;
				}
				Holding holding = holding(text, profileName);
				if (holding != Holding.REPLACEABLE) {
					return (holding == Holding.FOREIGN) ? Removal.FOREIGN : Removal.LONG_TERM_KEYS;
				}
				CredentialsFileWrites.write(target.path(), text.remove(profileName).text());
			}
			logger.info("Removed profile {} from {}", profileName, file());
			return Removal.REMOVED;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not remove profile {} from {}: {}", profileName, file(), ex.toString());
			return Removal.FAILED;
		}
	}

	/**
	 * Each copy is judged on its own: merged, a session copy would hide long-term keys in
	 * another, and replacing the name removes every copy.
	 */
	private static Holding holding(CredentialsFileText text, String profileName) {
		List<CredentialsFileText.Copy> copies = text.copies(profileName);
		for (CredentialsFileText.Copy copy : copies) {
			Map<String, String> properties = copy.properties();
			// an empty token is no token to the AWS CLI
			String token = properties.get("aws_session_token");
			if (properties.containsKey("aws_access_key_id") && (token == null || token.isEmpty())) {
				return Holding.LONG_TERM_KEYS;
			}
		}
		for (CredentialsFileText.Copy copy : copies) {
			if (!copy.portals() && !SESSION_KEYS.containsAll(copy.properties().keySet())) {
				return Holding.FOREIGN;
			}
		}
		return Holding.REPLACEABLE;
	}

	/**
	 * Long-term keys under this name in the config file, which a credentials-file section
	 * of the same name would hide.
	 */
	private boolean longTermElsewhere(String profileName) {
		return this.sources.list()
			.stream()
			.anyMatch((s) -> s.kind() == CredentialSource.Kind.PROFILE && s.name().equals(profileName)
					&& !s.sessionCredentials());
	}

	private String suggestion(String profileName, CredentialSource source) {
		for (String candidate : List.of("mfa", profileName + "-mfa", "mfa-session")) {
			if (!candidate.equals(profileName) && StsModel.isProfileName(candidate)
					&& (source == null || !candidate.equals(source.name()))) {
				try {
					if (holding(read(CredentialsFileTarget.of(file())), candidate) == Holding.REPLACEABLE
							&& !longTermElsewhere(candidate)) {
						return candidate;
					}
				}
				catch (IOException ex) {
					return candidate;
				}
			}
		}
		return profileName + "-mfa-session";
	}

	/**
	 * The text of the file at the end of {@code file}'s links, for the vault's move of
	 * key lines; a file that can't be written there is refused as on a save.
	 */
	static CredentialsFileText read(Path file) throws IOException {
		return read(writable(file));
	}

	/**
	 * Writes through {@code file}'s links, as a save does: the vault's move of key lines.
	 */
	static void writeThroughLinks(Path file, String text) throws IOException {
		CredentialsFileWrites.write(writable(file).path(), text);
	}

	private static CredentialsFileTarget writable(Path file) throws IOException {
		CredentialsFileTarget target = CredentialsFileTarget.of(file);
		if (target.problem() != null) {
			throw new IOException("The credentials file can't be written: " + target.problem());
		}
		return target;
	}

	private static CredentialsFileText read(CredentialsFileTarget target) throws IOException {
		if (!Files.exists(target.path())) {
			return CredentialsFileText.parse("");
		}
		return CredentialsFileText.parse(Files.readString(target.path(), StandardCharsets.ISO_8859_1));
	}

}
