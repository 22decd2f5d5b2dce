package dev.mfaportal.account;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * At the first start of a team portal, when no member exists, creates the first admin:
 * with the configured password, or else with a one-time password printed on the console
 * (not in the log), to be changed at first sign-in.
 */
@Component
@Profile("team")
class FirstAdmin implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(FirstAdmin.class);

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final TeamSettings settings;

	private final Clock clock;

	private final PrintStream console = System.out;

	FirstAdmin(UserRepository users, PasswordEncoder encoder, TeamSettings settings, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (this.users.count() > 0) {
			return;
		}
		boolean configured = StringUtils.hasText(this.settings.adminPassword());
		String password = configured ? this.settings.adminPassword() : OneTimePasswords.generate();
		try {
			this.users.insert(this.settings.adminUsername(), null, this.encoder.encode(password), true, !configured,
					this.clock.instant());
		}
		catch (DuplicateKeyException anotherInstanceWasFirst) {
			return;
		}
		logger.info("Created the first admin, {}", this.settings.adminUsername());
		if (!configured) {
			this.console.println();
			this.console.println("  MFA Portal: first admin '" + this.settings.adminUsername()
					+ "' created. One-time password (change it at first sign-in):");
			this.console.println();
			this.console.println("      " + password);
			this.console.println();
		}
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
