package dev.mfaportal.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

	/**
	 * Whether the caller knows the secret: it sends not the secret but its proof for a
	 * nonce of its own ({@link #proof}), so a listener that is not this portal (on the
	 * port of a portal that died without removing the file) learns nothing from it.
	 * Compared in constant time.
	 */
	boolean admits(String nonce, String proof) {
		return nonce != null && proof != null && nonce.length() <= 64
				&& MessageDigest.isEqual(proof(this.secret, "ask", nonce).getBytes(StandardCharsets.UTF_8),
						proof.getBytes(StandardCharsets.UTF_8));
	}

	/** This portal's proof that it wrote the answer to the nonce: the asker checks it. */
	String answerProof(String nonce, String answer) {
		return proof(this.secret, "answer", nonce, answer);
	}

	/** HMAC-SHA256 under the run's secret of a purpose and its parts, base64url. */
	static String proof(String secret, String purpose, String... parts) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(purpose.getBytes(StandardCharsets.UTF_8));
			for (String part : parts) {
				// each part's length first, so no two lists of parts sign alike
				mac.update(ByteBuffer.allocate(4).putInt(part.length()).array());
				mac.update(part.getBytes(StandardCharsets.UTF_8));
			}
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** A fresh random nonce, base64url. */
	static String nonce() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Where this portal listens, once it does. */
	URI base() {
		return this.base;
	}

	/**
	 * The file of a running portal, if there is one.
	 * @throws Refused when the file is not one this person's portal wrote: the secret in
	 * it would go to whatever it names
	 */
	static Optional<Running> read(Path file) throws IOException {
		boolean owned = file.getFileSystem().supportedFileAttributeViews().contains("posix")
				&& Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
		return read(file, owned ? processOwner(file.getParent()) : null);
	}

	/**
	 * The account this process runs as: the owner of a file it has just made, beside the
	 * run file where it can (else in the temporary folder). Not a lookup of
	 * {@code user.name}, which finds no account where the uid has none, as in a container
	 * run with an arbitrary uid.
	 * @return the owner, or {@code null} when no file could be made
	 */
	static UserPrincipal processOwner(Path folder) {
		for (Path place : new Path[] { folder, null }) {
			Path probe = null;
			try {
				probe = (place != null) ? Files.createTempFile(place, "." + NAME + "-owner", ".tmp")
						: Files.createTempFile("." + NAME + "-owner", ".tmp");
				return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
			}
			catch (IOException | UnsupportedOperationException | SecurityException ex) {
				// a folder this process may not write: try the next
			}
			finally {
				deleteQuietly(probe);
			}
		}
		return null;
	}

	private static void deleteQuietly(Path probe) {
		if (probe != null) {
			try {
				Files.deleteIfExists(probe);
			}
			catch (IOException ex) {
				// an empty file of no use to anyone
			}
		}
	}

	/**
	 * @param me the account this process runs as ({@code null} where the platform can't
	 * say)
	 */
	static Optional<Running> read(Path file, UserPrincipal me) throws IOException {
		if (Files.isSymbolicLink(file)) {
			// another account could point it at a file of its own
			throw new Refused("launcher.runFile.link", file);
		}
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			if (me == null || !me.equals(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS))) {
				throw new Refused("launcher.runFile.notOwner", file);
			}
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
			if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(permissions)) {
				// others could have read the secret, or written their own
				throw new Refused("launcher.runFile.openToOthers", file);
			}
		}
		Properties properties = new Properties();
		properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
		String url = properties.getProperty("url");
		String secret = properties.getProperty("secret");
		return (url != null && secret != null) ? Optional.of(new Running(URI.create(url), secret)) : Optional.empty();
	}

	/**
	 * A {@code portal-run} this start won't use, with the message that says why (the
	 * file's path as its argument).
	 */
	static final class Refused extends IOException {

		private final String messageCode;

		private final transient Path file;

		Refused(String messageCode, Path file) {
			super(messageCode);
			this.messageCode = messageCode;
			this.file = file;
		}

		String messageCode() {
			return this.messageCode;
		}

		Path file() {
			return this.file;
		}

	}

	/** What a running portal wrote. */
	record Running(URI base, String secret) {

		@Override
		public String toString() {
			return "Running[base=" + this.base + ", secret=******]";
		}

	}

}
