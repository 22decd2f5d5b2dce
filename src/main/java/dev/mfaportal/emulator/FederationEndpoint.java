package dev.mfaportal.emulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's federation endpoint ({@code https://signin.aws.amazon.com/federation}):
 * AssumeRole credentials become a sign-in token ({@code Action=getSigninToken}), which a
 * browser exchanges once, within 15 minutes, for a console session ({@code Action=login},
 * a redirect to the destination).
 * <p>
 * It is a different AWS service from STS, so STS's faults (delay, throttling, forced
 * failures) do not reach it, and its answers are plain text, not STS's XML. Texts other
 * than {@link #NOT_A_ROLE_SESSION} are the emulator's own: AWS documents none.
 */
final class FederationEndpoint {

	static final String PATH = "/federation";

	static final String NOT_A_ROLE_SESSION = "Only federation tokens or assume role tokens may be used "
			+ "for federated login";

	static final Duration SIGNIN_TOKEN_LIFETIME = Duration.ofMinutes(15);

	private final IssuedSessions sessions;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SigninGrant> grants = new ConcurrentHashMap<>();

	private final Recorded<ConsoleSignIn> signIns = new Recorded<>();

	FederationEndpoint(IssuedSessions sessions) {
		this.sessions = sessions;
	}

	WireResponse handle(WireRequest request, Instant now) {
		if (!request.method().equals("GET") && !request.method().equals("POST")) {
			return text(405, "Use GET or POST");
		}
		Map<String, String> parameters;
		try {
			parameters = AwsQueryParameters.of(request);
		}
		catch (StsError ex) {
			return text(400, ex.getMessage());
		}
		String action = parameters.getOrDefault("Action", "");
		return switch (action) {
			case "getSigninToken" -> signinToken(parameters, now);
			case "login" -> login(parameters, now);
			default -> text(400, "Action must be getSigninToken or login");
		};
	}

	List<ConsoleSignIn> signIns() {
		return this.signIns.list();
	}

	void clearSignIns() {
		this.signIns.clear();
	}

	private WireResponse signinToken(Map<String, String> parameters, Instant now) {
		Duration sessionDuration = null;
		String duration = parameters.get("SessionDuration");
		if (duration != null) {
			sessionDuration = sessionDuration(duration);
			if (sessionDuration == null) {
				return text(400, "SessionDuration must be 900 to 43200 seconds");
			}
		}
		Map<String, String> credentials;
		try {
			credentials = FlatJson.parse(parameters.getOrDefault("Session", ""));
		}
		catch (IllegalArgumentException ex) {
			return text(400, "Session must be a JSON object with sessionId, sessionKey and sessionToken");
		}
		String accessKeyId = credentials.get("sessionId");
		IssuedSession session = (accessKeyId != null) ? this.sessions.find(accessKeyId) : null;
		if (session == null || !session.hasSecretAccessKey(credentials.get("sessionKey"))
				|| !session.hasSessionToken(credentials.get("sessionToken"))) {
			return text(400, "The session credentials are not valid");
		}
		if (session.expiredAt(now)) {
			return text(400, "The session credentials have expired");
		}
		if (session.assumedRole() == null) {
			return text(400, NOT_A_ROLE_SESSION);
		}
		if (session.assumedRole().chained() && sessionDuration != null) {
			// AWS documents that the request fails, not with which words
			return text(400, "SessionDuration cannot be set for credentials from role chaining");
		}
		this.grants.values().removeIf((grant) -> grant.expiredAt(now));
		String token = signinToken();
		this.grants.put(token,
				new SigninGrant(session.assumedRole(), sessionDuration, now.plus(SIGNIN_TOKEN_LIFETIME)));
		return new WireResponse(200, Map.of("Content-Type", "application/json"),
				FlatJson.object("SigninToken", token).getBytes(StandardCharsets.UTF_8));
	}

	private WireResponse login(Map<String, String> parameters, Instant now) {
		String destination = parameters.get("Destination");
		if (!isWebAddress(destination)) {
			return text(400, "Destination must be an absolute http or https URL");
		}
		String token = parameters.get("SigninToken");
		// removed before it is checked: a token is good for one login, even when two race
		// for it
		SigninGrant grant = (token != null) ? this.grants.remove(token) : null;
		if (grant == null || grant.expiredAt(now)) {
			return text(400, "The sign-in token is not valid or has expired");
		}
		this.signIns.add(new ConsoleSignIn(now, grant.assumedRole().role().arn(), grant.assumedRole().arn(),
				grant.sessionDuration(), parameters.get("Issuer"), destination));
		return new WireResponse(302, Map.of("Location", destination), new byte[0]);
	}

	private static Duration sessionDuration(String seconds) {
		try {
			long value = Long.parseLong(seconds.trim());
			return (value >= 900 && value <= 43_200) ? Duration.ofSeconds(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isWebAddress(String destination) {
		if (destination == null) {
			return false;
		}
		try {
			URI uri = new URI(destination);
			return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** Opaque and long, as AWS's are (several hundred characters). */
	private String signinToken() {
		byte[] bytes = new byte[192];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static WireResponse text(int status, String message) {
		return new WireResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
				message.getBytes(StandardCharsets.UTF_8));
	}

	private record SigninGrant(AssumedRoleUser assumedRole, Duration sessionDuration, Instant expiresAt) {

		boolean expiredAt(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
