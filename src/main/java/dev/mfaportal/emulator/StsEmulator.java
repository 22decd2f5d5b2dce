package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The STS emulator's core, independent of any HTTP server: one wire request in, one wire
 * response out. Settings and faults can be changed while it runs (by tests, through
 * {@code TestEmulator}); requests see those current when they arrive.
 * <p>
 * Besides STS it answers IAM's {@code ListMFADevices}, {@code CreateAccessKey},
 * {@code DeleteAccessKey} and {@code ListAccessKeys} (requests signed for the service
 * {@code iam}) and, at {@code /federation}, the console's federation endpoint.
 */
final class StsEmulator {

	static final String VERSION = "2011-06-15";

	/** The services a signature may be scoped to, as its credential scope names them. */
	static final String STS = "sts";

	static final String IAM = "iam";

	/**
	 * IAM is global, signed for {@code us-east-1}; the SDK's {@code aws-global} with an
	 * endpoint override signs for that name instead.
	 */
	static final Set<String> IAM_SIGNING_REGIONS = Set.of("us-east-1", "aws-global");

	private final Clock clock;

	private final SigV4Verifier verifier;

	private final Authenticator authenticator;

	private final RequestRateLimit rateLimit = new RequestRateLimit();

	private final GetSessionTokenAction getSessionToken;

	private final AssumeRoleAction assumeRole;

	private final GetCallerIdentityAction getCallerIdentity = new GetCallerIdentityAction();

	private final ListMfaDevicesAction listMfaDevices;

	private final FederationEndpoint federation;

	private final EmulatedAccessKeys accessKeys;

	private final AccessKeyActions accessKeyActions;

	private final Recorded<RecordedRequest> recorded = new Recorded<>();

	private final IssuedSessions sessions = new IssuedSessions();

	private volatile EmulatorSettings settings;

	private volatile Faults faults = Faults.NONE;

	StsEmulator(EmulatorSettings settings, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		IssuedSessions sessions = this.sessions;
		MfaCheck mfa = new MfaCheck(new OneTimeCodes());
		this.verifier = new SigV4Verifier(List.of(STS, IAM), clock);
		this.accessKeys = new EmulatedAccessKeys(clock.instant());
		this.accessKeyActions = new AccessKeyActions(this.accessKeys);
		this.authenticator = new Authenticator(this.verifier, sessions, this.accessKeys);
		this.getSessionToken = new GetSessionTokenAction(sessions, mfa);
		this.assumeRole = new AssumeRoleAction(sessions, mfa);
		this.listMfaDevices = new ListMfaDevicesAction(clock.instant());
		this.federation = new FederationEndpoint(sessions);
	}

	EmulatorSettings settings() {
		return this.settings;
	}

	/** How long a key CreateAccessKey makes takes before STS and IAM accept it. */
	void setKeyPropagationDelay(Duration delay) {
		this.accessKeys.setPropagationDelay(delay);
	}

	synchronized void updateSettings(UnaryOperator<EmulatorSettings> change) {
		this.settings = Objects.requireNonNull(change.apply(this.settings), "settings");
	}

	synchronized void updateFaults(UnaryOperator<Faults> change) {
		this.faults = Objects.requireNonNull(change.apply(this.faults), "faults");
	}

	/**
	 * Every request answered so far (the latest {@value Recorded#MAX}), oldest first.
	 */
	List<RecordedRequest> recordedRequests() {
		return this.recorded.list();
	}

	void clearRecordedRequests() {
		this.recorded.clear();
	}

	/**
	 * Every console sign-in at the federation endpoint so far (the latest 10,000), oldest
	 * first.
	 */
	List<ConsoleSignIn> consoleSignIns() {
		return this.federation.signIns();
	}

	void clearConsoleSignIns() {
		this.federation.clearSignIns();
	}

	/**
	 * The source identity and session tags of the session these temporary credentials
	 * belong to, as CloudTrail would show them; {@code null} for a key it never issued.
	 */
	SessionContext sessionContext(String accessKeyId) {
		IssuedSession session = this.sessions.find(accessKeyId);
		return (session != null) ? session.context() : null;
	}

	WireResponse handle(WireRequest request) {
		if (FederationEndpoint.PATH.equals(request.rawPath())) {
			return this.federation.handle(request, this.clock.instant());
		}
		EmulatorSettings current = this.settings;
		Faults faults = this.faults;
		Instant now = this.clock.instant();
		String requestId = UUID.randomUUID().toString();
		Map<String, String> parameters = Map.of();
		SigV4Authorization authorization = null;
		String xml;
		int status = 200;
		String errorCode = null;
		try {
			parameters = AwsQueryParameters.of(request);
			ForcedFailure failure = faults.forcedFailure();
			if (failure != null && (failure.action() == null || failure.action().equals(parameters.get("Action")))) {
				throw new StsError(failure.status(), failure.code(), failure.message());
			}
			if (!this.rateLimit.tryAcquire(faults.maxRequestsPerSecond(), now)) {
				throw new StsError(400, "Throttling", "Rate exceeded");
			}
			authorization = this.verifier.authorization(request);
			Caller caller = this.authenticator.authenticate(request, authorization, current.users(), now);
			if (authorization.service().equals(IAM) && !IAM_SIGNING_REGIONS.contains(authorization.region())) {
				// IAM's own answer to a signature scoped to another region
				throw StsError.signatureDoesNotMatch("Credential should be scoped to a valid region. ");
			}
			// IAM is global: a region STS is off in does not concern it
			if (authorization.service().equals(STS) && faults.disabledRegions().contains(authorization.region())) {
				throw new StsError(403, "RegionDisabledException", "STS is not activated in this region for account:"
						+ caller.account()
						+ ". Your account administrator can activate STS in this region using the IAM Console.");
			}
			xml = authorization.service().equals(IAM) ? dispatchIam(caller, current, parameters, now, requestId)
					: dispatch(caller, current, parameters, now, requestId);
		}
		catch (StsError error) {
			xml = StsXml.error(namespace(authorization, parameters), error, requestId);
			status = error.status();
			errorCode = error.code();
		}
		this.recorded.add(new RecordedRequest(now, parameters.get("Action"), masked(parameters),
				(authorization != null) ? authorization.accessKeyId() : null,
				(authorization != null) ? authorization.region() : null,
				authorization != null && this.authenticator.isSessionKey(authorization.accessKeyId()), status,
				errorCode, requestId, (errorCode == null) ? StsXml.issuedAccessKeyId(xml) : null));
		pause(faults.responseDelay());
		return new WireResponse(status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId),
				xml.getBytes(StandardCharsets.UTF_8));
	}

	private String dispatch(Caller caller, EmulatorSettings current, Map<String, String> parameters, Instant now,
			String requestId) {
		String action = action(parameters);
		if (VERSION.equals(parameters.get("Version"))) {
			if (action.equals("GetSessionToken")) {
				return this.getSessionToken.handle(caller, parameters, now, requestId);
			}
			if (action.equals("AssumeRole")) {
				return this.assumeRole.handle(caller, current.roles(), parameters, now, requestId);
			}
			if (action.equals("GetCallerIdentity")) {
				return this.getCallerIdentity.handle(caller, requestId);
			}
		}
		throw invalidAction(action, parameters);
	}

	private String dispatchIam(Caller caller, EmulatorSettings current, Map<String, String> parameters, Instant now,
			String requestId) {
		String action = action(parameters);
		if (ListMfaDevicesAction.VERSION.equals(parameters.get("Version"))) {
			switch (action) {
				case "ListMFADevices":
					return this.listMfaDevices.handle(caller, current, parameters, requestId);
				case "CreateAccessKey":
					return this.accessKeyActions.create(caller, current, parameters, now, requestId);
				case "DeleteAccessKey":
					return this.accessKeyActions.delete(caller, current, parameters, requestId);
				case "ListAccessKeys":
					return this.accessKeyActions.list(caller, current, parameters, requestId);
				default:
					break;
			}
		}
		throw invalidAction(action, parameters);
	}

	private static String action(Map<String, String> parameters) {
		String action = parameters.get("Action");
		if (action == null || action.isEmpty()) {
			throw new StsError(400, "MissingAction", "Missing Action");
		}
		return action;
	}

	/**
	 * STS's own text, including its placeholder for a missing version; IAM's is taken to
	 * be the same (the two share their awsQuery front end).
	 */
	private static StsError invalidAction(String action, Map<String, String> parameters) {
		String version = parameters.get("Version");
		return new StsError(400, "InvalidAction", "Could not find operation " + action + " for version "
				+ ((version != null) ? version : "NO_VERSION_SPECIFIED"));
	}

	/**
	 * IAM's for a request signed for IAM or, unsigned, naming IAM's version; STS's
	 * otherwise.
	 */
	private static String namespace(SigV4Authorization authorization, Map<String, String> parameters) {
		boolean iam = (authorization != null) ? authorization.service().equals(IAM)
				: ListMfaDevicesAction.VERSION.equals(parameters.get("Version"));
		return iam ? StsXml.IAM_NAMESPACE : StsXml.NAMESPACE;
	}

	private static Map<String, String> masked(Map<String, String> parameters) {
		Map<String, String> masked = new LinkedHashMap<>(parameters);
		masked.replaceAll(
				(name, value) -> name.equalsIgnoreCase("TokenCode") ? RecordedRequest.MASKED_TOKEN_CODE : value);
		return masked;
	}

	private static void pause(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
