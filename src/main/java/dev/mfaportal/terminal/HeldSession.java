package dev.mfaportal.terminal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.issuing.ServeRequested;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.TemporaryCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.context.event.EventListener;

/**
 * The one MFA session the person asked the portal to keep, in this JVM's memory only:
 * never on disk, in a log, the HTTP session or a URL. Forgotten when it expires, when the
 * person stops serving, and with the JVM. A renewal replaces it, so every shell that
 * reads the endpoint gets the new session on its next call.
 */
class HeldSession {

	private static final Logger logger = LoggerFactory.getLogger(HeldSession.class);

	private final AtomicReference<Held> held = new AtomicReference<>();

	private final CredentialSources sources;

	private final Clock clock;

	HeldSession(CredentialSources sources, Clock clock) {
		this.sources = sources;
		this.clock = clock;
	}

	/**
	 * Holds the session issuing just showed. A failure here must not cost the person the
	 * credentials STS already issued: it is logged (without them) and the page still
	 * shows them.
	 */
	@EventListener
	void on(ServeRequested request) {
		try {
			StsCaller source = this.sources.caller(request.source());
			TemporaryCredentials credentials = request.credentials();
			StsCaller signer = new StsCaller("held:" + request.source().id(),
					StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
							credentials.secretAccessKey(), credentials.sessionToken())),
					source.region(), source.endpoint(), source.profile());
			// The key that signed, as issuing read it for the call: the source's keys
			// now may be another's (replaced or removed meanwhile).
			end(this.held.getAndSet(new Held(credentials, request.source(), request.serialNumber(), signer,
					new RoleCache(), request.longTermKeyId())));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not hold the session for terminals: {}", ex.getClass().getSimpleName());
		}
	}

	/** The session, unless none is held or it has expired (then it is forgotten). */
	Optional<Held> current() {
		Held now = this.held.get();
		if (now != null && !this.clock.instant().isBefore(now.credentials().expiration())) {
			if (this.held.compareAndSet(now, null)) {
				end(now);
			}
			return Optional.empty();
		}
		return Optional.ofNullable(now);
	}

	/**
	 * "Stop serving": forgotten at once, with every role assumed from it; a role STS
	 * answers after this returned is neither served nor kept.
	 */
	void stop() {
		end(this.held.getAndSet(null));
	}

	private static void end(Held ended) {
		if (ended != null) {
			ended.roles().close();
		}
	}

	/**
	 * A held session.
	 *
	 * @param credentials the MFA session
	 * @param source whose long-term keys issued it
	 * @param serialNumber the MFA device whose code issued it
	 * @param signer the session as a caller of AssumeRole, in the source's region and
	 * endpoint
	 * @param roles the roles assumed from it, closed when it ends
	 * @param longTermKeyId the access key id of the long-term key that made it (public),
	 * or {@code null}
	 */
	record Held(TemporaryCredentials credentials, CredentialSource source, String serialNumber, StsCaller signer,
			RoleCache roles, String longTermKeyId) {

		@Override
		public String toString() {
			return "Held[" + this.credentials + ", source=" + this.source.id() + "]";
		}

	}

}
