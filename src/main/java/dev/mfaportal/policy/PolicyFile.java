package dev.mfaportal.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * The policy in force on this instance: read at start, where a file that can't be read or
 * isn't a policy stops the start; then checked every {@code policy-poll-interval} and
 * read again when its time, size or identity (inode) changed, which a mounted volume or a
 * Kubernetes ConfigMap's swapped link both show. A changed file that is not a policy
 * leaves the last good one in force and says why until a good one replaces it (once it
 * stayed bad for a whole poll, so that a file caught half-written is no error). Each read
 * is announced ({@link PolicyChanged}) for the history.
 */
class PolicyFile implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PolicyFile.class);

	// The file type bits of unix:mode (stat's st_mode).
	private static final int S_IFMT = 0170000;

	private static final int S_IFIFO = 0010000;

	private static final int S_IFCHR = 0020000;

	private static final int S_IFBLK = 0060000;

	private static final int S_IFSOCK = 0140000;

	private final Path path;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ScheduledExecutorService poller;

	private final Function<Path, Policy> reader;

	private volatile State state;

	/** A change seen once, read only if the next poll finds the file unchanged. */
	private Stamp unsettled;

	PolicyFile(PolicySettings settings, Clock clock, ApplicationEventPublisher events) {
		this(settings, clock, events, PolicyFile::read);
	}

	PolicyFile(PolicySettings settings, Clock clock, ApplicationEventPublisher events, Function<Path, Policy> reader) {
		this.path = settings.policyFile();
		this.reader = reader;
		this.clock = clock;
		this.events = events;
		if (this.path == null) {
			this.state = new State(null, null, null, null, null);
			this.poller = null;
			return;
		}
		Stamp stamp = Stamp.of(this.path);
		try {
			this.state = new State(load(), this.clock.instant(), stamp, null, null);
		}
		catch (PolicyException ex) {
			throw new PolicyStartupException("the policy file " + this.path + " is refused, " + ex.describe());
		}
		logger.info("Policy read from {}: {} rules", this.path, this.state.policy().rules().size());
		this.poller = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "policy-file");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.policyPollInterval().toMillis();
		this.poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
	}

	/** The policy in force, or null when no file is set. */
	Policy policy() {
		return this.state.policy();
	}

	State state() {
		return this.state;
	}

	Path path() {
		return this.path;
	}

	/** The read at start, in the history once its listeners are there. */
	@EventListener(ApplicationReadyEvent.class)
	void started() {
		State started = this.state;
		if (started.policy() != null) {
			this.events.publishEvent(new PolicyChanged(started.loadedAt(), this.path.toString(), true, null,
					started.policy().rules().size()));
		}
	}

	/** Reads the file again if it changed since it was last read, good or not. */
	void poll() {
		try {
			State before = this.state;
			Stamp stamp = Stamp.of(this.path);
			if (stamp.equals(before.stamp())) {
				this.unsettled = null;
				return;
			}
			if (!stamp.equals(this.unsettled)) {
				// Changed since the last look: read once it has stayed so for one poll,
				// so a
				// file caught half-written is neither taken nor refused.
				this.unsettled = stamp;
				return;
			}
			Instant now = this.clock.instant();
			State after;
			PolicyChanged changed;
			try {
				Policy policy = load();
				after = new State(policy, now, stamp, null, null);
				changed = new PolicyChanged(now, this.path.toString(), true, null, policy.rules().size());
				logger.info("Policy read again from {}: {} rules", this.path, policy.rules().size());
			}
			catch (PolicyException ex) {
				// The stamp is taken as read, so a bad file is reported once, not each
				// poll.
				after = new State(before.policy(), before.loadedAt(), stamp, ex.describe(), now);
				changed = new PolicyChanged(now, this.path.toString(), false, ex.describe(),
						before.policy().rules().size());
				logger.warn("Policy file {} refused, the last good policy stays: {}", this.path, ex.describe());
			}
			this.unsettled = null;
			this.state = after;
			this.events.publishEvent(changed);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			// A listener that failed must not end the polling: a scheduled task that
			// throws is never run again.
			logger.warn("Policy file check failed: {}", ex.toString());
		}
	}

	/**
	 * Reads the file, or refuses it: anything but a regular file is refused unopened (a
	 * named pipe would keep the poller waiting for a writer, a device such as
	 * {@code /dev/zero} would never end).
	 */
	static Policy read(Path path) {
		try {
			// Links are followed to the file they name (a ConfigMap's file is a link),
			// then that file is checked and opened without following links again, so a
			// link swapped in meanwhile is refused, not followed to a pipe.
			Path real = path.toRealPath();
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile()) {
				throw new PolicyException(0,
						"it is " + kind(real, attributes) + ", not a regular file, so it was not opened");
			}
			// Bytes are at least as many as characters: a file this large is refused
			// unread.
			if (attributes.size() > PolicyParser.MAX_CHARACTERS) {
				throw PolicyParser.tooLarge(attributes.size());
			}
			byte[] bytes;
			try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
				bytes = in.readNBytes(PolicyParser.MAX_CHARACTERS + 1);
			}
			if (bytes.length > PolicyParser.MAX_CHARACTERS) {
				throw PolicyParser.tooLarge(Files.size(real));
			}
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return PolicyParser.parse(text);
		}
		catch (NoSuchFileException ex) {
			throw new PolicyException(0, "there is no file " + path);
		}
		catch (CharacterCodingException ex) {
			throw new PolicyException(0, "the file is not UTF-8 text");
		}
		catch (IOException ex) {
			throw new PolicyException(0, "the file can't be read: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * The file read, where an {@link Error} while reading or parsing, such as a stack
	 * overflow, is a refusal like any other; running out of memory is not caught.
	 */
	private Policy load() {
		try {
			return this.reader.apply(this.path);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Error ex) {
			throw new PolicyException(0, "the file could not be read (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/** What a path that is no regular file is, in words. */
	private static String kind(Path path, BasicFileAttributes attributes) {
		if (attributes.isDirectory()) {
			return "a directory";
		}
		if (attributes.isSymbolicLink()) {
			return "a link";
		}
		try {
			int type = ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & S_IFMT;
			return switch (type) {
				case S_IFIFO -> "a named pipe (FIFO)";
				case S_IFCHR -> "a character device";
				case S_IFBLK -> "a block device";
				case S_IFSOCK -> "a socket";
				default -> "a special file";
			};
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "a special file";
		}
	}

	@Override
	public void destroy() {
		if (this.poller != null) {
			this.poller.shutdownNow();
		}
	}

	/**
	 * @param policy the policy in force, null when no file is set
	 * @param loadedAt when it was read
	 * @param stamp the file as last read, good or not
	 * @param error why the last read was refused, null when it was taken
	 * @param errorAt when it was refused
	 */
	record State(Policy policy, Instant loadedAt, Stamp stamp, String error, Instant errorAt) {

	}

	/**
	 * What tells an edited file from the one read before; a missing file is one state.
	 */
	record Stamp(Object modified, long size, String inode) {

		static Stamp of(Path path) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
				return new Stamp(attributes.lastModifiedTime(), attributes.size(),
						Objects.toString(attributes.fileKey()));
			}
			catch (IOException ex) {
				return new Stamp("absent", -1, "absent");
			}
		}

	}

}
