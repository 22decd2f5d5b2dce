package dev.mfaportal.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
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

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final ProfileSettings settings;

	private final AwsFiles files;

	private final CredentialSources sources;

	/** Two saves at once would each rename over the other's file. */
	private final Object lock = new Object();

	CredentialsFileProfiles(ProfileSettings settings, AwsFiles files, CredentialSources sources) {
		this.settings = settings;
		this.files = files;
		this.sources = sources;
	}

	/** What removing a profile did. */
	enum Removal {

		REMOVED, ABSENT, LONG_TERM_KEYS, FAILED

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
		if (!ProfileNames.writable(profileName)) {
			return Optional.of(new Refusal("profile.refused.name", List.of(String.valueOf(profileName))));
		}
		if (source != null && source.kind() == CredentialSource.Kind.PROFILE && source.name().equals(profileName)) {
			return Optional
				.of(new Refusal("profile.refused.source", List.of(profileName, suggestion(profileName, source))));
		}
		try {
			if (holdsLongTermKeys(read(), profileName) || longTermElsewhere(profileName)) {
				return Optional.of(new Refusal("profile.refused.longTerm",
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
		if (!ProfileNames.writable(profileName)) {
			return new SavedProfile(profileName, fileName(), "profile.refused.name");
		}
		try {
			synchronized (this.lock) {
				CredentialsFileText text = read();
				// checked again under the lock: the file may have changed since the form
				if (holdsLongTermKeys(text, profileName)) {
					return new SavedProfile(profileName, fileName(), "profile.failed.longTerm");
				}
				String block = Snippets.render(SnippetFormat.CREDENTIALS_FILE, credentials, profileName).content();
				write(text.put(profileName, block).text());
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

	/** Removes a section the portal could have written; long-term keys stay. */
	Removal remove(String profileName) {
		try {
			synchronized (this.lock) {
				CredentialsFileText text = read();
				if (text.properties(profileName).isEmpty()) {
					return Removal.ABSENT;
				}
				if (holdsLongTermKeys(text, profileName)) {
					return Removal.LONG_TERM_KEYS;
				}
				write(text.remove(profileName).text());
			}
			logger.info("Removed profile {} from {}", profileName, file());
			return Removal.REMOVED;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not remove profile {} from {}: {}", profileName, file(), ex.toString());
			return Removal.FAILED;
		}
	}

	/** An access key without a session token: long-term keys, never overwritten. */
	private static boolean holdsLongTermKeys(CredentialsFileText text, String profileName) {
		Optional<Map<String, String>> properties = text.properties(profileName);
		return properties.isPresent() && properties.get().containsKey("aws_access_key_id")
				&& !properties.get().containsKey("aws_session_token");
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
			if (!candidate.equals(profileName) && ProfileNames.writable(candidate)
					&& (source == null || !candidate.equals(source.name()))) {
				try {
					if (!holdsLongTermKeys(read(), candidate) && !longTermElsewhere(candidate)) {
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

	private CredentialsFileText read() throws IOException {
		return read(file());
	}

	static CredentialsFileText read(Path file) throws IOException {
		if (!Files.exists(file)) {
			return CredentialsFileText.parse("");
		}
		return CredentialsFileText.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
	}

	/**
	 * A temporary file beside the target (the same file system, so the rename is atomic),
	 * owner-only from its creation, then given the target's permissions less anything
	 * beyond owner read and write: never looser than before, and never readable by
	 * others. A symbolic link (dotfile managers) is followed, so the link stays a link.
	 */
	private void write(String text) throws IOException {
		write(file(), text);
	}

	/** {@link #write(String)} to another file: the vault's move of key lines. */
	static void write(Path file, String text) throws IOException {
		Path target = file.toAbsolutePath();
		boolean exists = Files.exists(target);
		if (exists) {
			target = target.toRealPath();
		}
		Path folder = target.getParent();
		boolean posix = Files.getFileStore(existingAncestor(folder))
			.supportsFileAttributeView(PosixFileAttributeView.class);
		if (!Files.isDirectory(folder)) {
			if (posix) {
				Files.createDirectories(folder,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			else {
				Files.createDirectories(folder);
			}
		}
		Set<PosixFilePermission> permissions = EnumSet.copyOf(OWNER_ONLY);
		if (exists && posix) {
			permissions.retainAll(Files.getPosixFilePermissions(target));
		}
		Path temporary = posix
				? Files.createTempFile(folder, ".credentials-", ".tmp",
						PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: Files.createTempFile(folder, ".credentials-", ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			if (posix) {
				Files.setPosixFilePermissions(temporary, permissions);
			}
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static Path existingAncestor(Path folder) {
		Path existing = folder;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return (existing != null) ? existing : folder.getRoot();
	}

}
