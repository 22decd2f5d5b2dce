package dev.mfaportal.account;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * At the first start of a team portal, when no member exists, creates the first admin:
 * with the configured password, or else with a one-time password written to the file
 * {@value #FILE_NAME} in {@code portal.data-dir}, which only the portal's user may read.
 * Never printed and never logged: the log line says where the file is and until when the
 * password signs in ({@code portal.team.one-time-password-ttl}, once).
 */
@Component
@Profile("team")
class FirstAdmin implements ApplicationRunner {

	static final String FILE_NAME = "first-admin-password";

	private static final Logger logger = LoggerFactory.getLogger(FirstAdmin.class);

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final TeamSettings settings;

	private final Clock clock;

	private final Path dataDir;

	FirstAdmin(UserRepository users, PasswordEncoder encoder, TeamSettings settings, Clock clock,
			@Value("${portal.data-dir}") Path dataDir) {
		this.users = users;
		this.encoder = encoder;
		this.settings = settings;
		this.clock = clock;
		this.dataDir = dataDir;
	}

	@Override
	public void run(ApplicationArguments arguments) throws IOException {
		if (this.users.count() > 0) {
			renewIfNoAdminCanSignIn();
			return;
		}
		boolean configured = StringUtils.hasText(this.settings.adminPassword());
		if (configured && !PasswordLength.fits(this.settings.adminPassword())) {
			throw new TeamStartupException(
					"portal.team.admin-password is longer than " + PasswordLength.MAX_BYTES
							+ " bytes, more than bcrypt can use.",
					"Choose a password of at most " + PasswordLength.MAX_BYTES
							+ " bytes (as many plain letters or digits, fewer accented ones), or leave it empty for "
							+ "a one-time password.");
		}
		String password = configured ? this.settings.adminPassword() : OneTimePasswords.generate();
		Instant now = this.clock.instant();
		// Written before the admin exists: a portal that can't write it stops here,
		// rather than leaving an admin nobody can sign in as. Under a name of its own
		// until the admin is in, so that an instance that loses the race to create the
		// admin (sharing the folder) never replaces the winner's file.
		Path draft = configured ? null : write(password);
		try {
			this.users.insert(this.settings.adminUsername(), null, this.encoder.encode(password), true, !configured,
					now);
		}
		catch (DuplicateKeyException anotherInstanceWasFirst) {
			if (draft != null) {
				Files.deleteIfExists(draft);
			}
			return;
		}
		if (configured) {
			logger.info("Created the first admin, {}", this.settings.adminUsername());
		}
		else {
			Path file = Files.move(draft, this.dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
			logger.info(
					"Created the first admin, {}, with a one-time password in {} (readable by this user only): "
							+ "it signs in once, until {}, and must then be changed",
					this.settings.adminUsername(), file, now.plus(this.settings.oneTimePasswordTtl()));
		}
	}

	/**
	 * A team whose every admin is stuck (the one-time password expired or was spent
	 * without a new password being chosen) would need the database edited by hand: at
	 * start, the configured admin gets a new one-time password, in the same file. Of
	 * several instances starting at once, one statement lets only one replace it.
	 */
	private void renewIfNoAdminCanSignIn() throws IOException {
		Instant now = this.clock.instant();
		if (this.users.anAdminCanSignIn(now.minus(this.settings.oneTimePasswordTtl()))) {
			return;
		}
		PortalUser admin = this.users.findByUsername(this.settings.adminUsername())
			.filter((member) -> member.admin() && member.enabled() && member.mustChangePassword())
			.orElse(null);
		if (admin == null) {
			logger.warn("No admin can sign in, and {} is no enabled admin waiting for a new password: "
					+ "nothing was changed", this.settings.adminUsername());
			return;
		}
		String password = OneTimePasswords.generate();
		Path draft = write(password);
		if (!this.users.renewOneTimePassword(admin.id(), admin.passwordVersion(), this.encoder.encode(password), now)) {
			Files.deleteIfExists(draft);
			return;
		}
		Path file = Files.move(draft, this.dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
		logger.warn(
				"No admin could sign in (the one-time password had expired or was used without a new password "
						+ "being chosen): {} has a new one-time password in {}, until {}",
				admin.username(), file, now.plus(this.settings.oneTimePasswordTtl()));
	}

	/**
	 * Writes the password to a new file of a random name, created owner-only and written
	 * through the handle that created it, so no other instance (in a container every JVM
	 * is PID 1) or link planted in the folder can take its place.
	 */
	private Path write(String password) throws IOException {
		Files.createDirectories(this.dataDir);
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		Path file = posix
				? Files.createTempFile(this.dataDir, FILE_NAME + ".", ".new",
						PosixFilePermissions
							.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))
				: Files.createTempFile(this.dataDir, FILE_NAME + ".", ".new");
		try (SeekableByteChannel out = Files.newByteChannel(file, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS)) {
			out.write(ByteBuffer.wrap((password + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII)));
		}
		return file;
	}

	/** Random passwords that are easy to read out and type. */
	static final class OneTimePasswords {

		private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

		private static final SecureRandom random = new SecureRandom();

		private OneTimePasswords() {
		}

		static String generate() {
			StringBuilder password = new StringBuilder();
			for (int i = 0; i < 20; i++) {
				if (i > 0 && i % 5 == 0) {
					password.append('-');
				}
				password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			return password.toString();
		}

	}

}
