package dev.mfaportal.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import dev.mfaportal.security.LaunchLinkPrinted;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * {@code portal-run} in the owner's {@code ~/.mfa-portal}: where this portal listens and
 * a secret made for this run, in a file only the owner can read (0600). A second start by
 * the same person reads it and asks this portal for a fresh launch link
 * ({@link SecondStart}); another account can't read it, so can't ask.
 */
class RunFile {

	static final String NAME = "portal-run";

	private final Path file;

	private final String secret;

	private volatile URI base;

	RunFile(Path folder) {
		this.file = folder.resolve(NAME);
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Written once the link is printed: the server listens, and its address is known. */
	@EventListener
	void write(LaunchLinkPrinted printed) {
		this.base = URI.create(printed.url()).resolve("/");
		try {
			OwnerOnlyFiles.replace(this.file, "url=" + this.base + "\nsecret=" + this.secret + "\n");
		}
		catch (IOException ex) {
			// a second start then starts as before, and fails on the port
		}
	}

	/** Removed at shutdown, unless another run has replaced it since. */
	@EventListener(ContextClosedEvent.class)
	void delete() {
		try {
			if (read(this.file).filter((run) -> run.secret().equals(this.secret)).isPresent()) {
				Files.deleteIfExists(this.file);
			}
		}
		catch (IOException ex) {
			// only a stale file, which the next start replaces
		}
	}

	/** Compared in constant time: the header is a secret a caller may probe. */
	boolean admits(String candidate) {
		return candidate != null && MessageDigest.isEqual(this.secret.getBytes(StandardCharsets.UTF_8),
				candidate.getBytes(StandardCharsets.UTF_8));
	}

	/** Where this portal listens, once it does. */
	URI base() {
		return this.base;
	}

	/** The file of a running portal, if there is one. */
	static Optional<Running> read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
		String url = properties.getProperty("url");
		String secret = properties.getProperty("secret");
		return (url != null && secret != null) ? Optional.of(new Running(URI.create(url), secret)) : Optional.empty();
	}

	/** What a running portal wrote. */
	record Running(URI base, String secret) {

		@Override
		public String toString() {
			return "Running[base=" + this.base + ", secret=******]";
		}

	}

}
