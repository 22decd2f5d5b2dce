package dev.mfaportal.sts.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The STS emulator's core, independent of any HTTP server: one wire request in, one wire response out.
 * Faults can be changed while it runs; requests see the settings current when they arrive.
 */
public final class StsEmulator {

	static final String VERSION = "2011-06-15";

	/** Enough for any test; bounded so a benchmark against the demo server does not fill the heap. */
	private static final int MAX_RECORDED = 10_000;

	private final Clock clock;

	private final SigV4Verifier verifier;

	private final Authenticator authenticator;

	private final RequestRateLimit rateLimit = new RequestRateLimit();

	private final GetSessionTokenAction getSessionToken;

	private final GetCallerIdentityAction getCallerIdentity = new GetCallerIdentityAction();

	private final Deque<RecordedRequest> recorded = new ArrayDeque<>();

	private volatile EmulatorSettings settings;

	StsEmulator(EmulatorSettings settings, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		IssuedSessions sessions = new IssuedSessions();
		this.verifier = new SigV4Verifier("sts", clock);
		this.authenticator = new Authenticator(this.verifier, sessions);
		this.getSessionToken = new GetSessionTokenAction(sessions, new OneTimeCodes());
	}

	public EmulatorSettings settings() {
		return this.settings;
	}

	public synchronized void updateSettings(UnaryOperator<EmulatorSettings> change) {
		this.settings = Objects.requireNonNull(change.apply(this.settings), "settings");
	}

	public void setResponseDelay(Duration responseDelay) {
		updateSettings((current) -> current.withResponseDelay(responseDelay));
	}

	public void setDisabledRegions(Set<String> disabledRegions) {
		updateSettings((current) -> current.withDisabledRegions(disabledRegions));
	}

	public void setMaxRequestsPerSecond(int maxRequestsPerSecond) {
		updateSettings((current) -> current.withMaxRequestsPerSecond(maxRequestsPerSecond));
	}

	/** {@code null} turns the forced failure off. */
	public void setForcedFailure(ForcedFailure forcedFailure) {
		updateSettings((current) -> current.withForcedFailure(forcedFailure));
	}

	/** Every request answered so far (the latest {@value #MAX_RECORDED}), oldest first. */
	public List<RecordedRequest> recordedRequests() {
		synchronized (this.recorded) {
			return List.copyOf(this.recorded);
		}
	}

	public void clearRecordedRequests() {
		synchronized (this.recorded) {
			this.recorded.clear();
		}
	}

	WireResponse handle(WireRequest request) {
		EmulatorSettings current = this.settings;
		Instant now = this.clock.instant();
		String requestId = UUID.randomUUID().toString();
		Map<String, String> parameters = Map.of();
		SigV4Authorization authorization = null;
		String xml;
		int status = 200;
		String errorCode = null;
		try {
			parameters = AwsQueryParameters.of(request);
			if (current.forcedFailure() != null) {
				ForcedFailure failure = current.forcedFailure();
				throw new StsError(failure.status(), failure.code(), failure.message());
			}
			if (!this.rateLimit.tryAcquire(current.maxRequestsPerSecond(), now)) {
				throw new StsError(400, "Throttling", "Rate exceeded");
			}
			authorization = this.verifier.authorization(request);
			Caller caller = this.authenticator.authenticate(request, authorization, current.users(), now);
			if (current.disabledRegions().contains(authorization.region())) {
				throw new StsError(403, "RegionDisabledException", "STS is not activated in this region for account:"
						+ caller.user().account()
						+ ". Your account administrator can activate STS in this region using the IAM Console.");
			}
			xml = dispatch(caller, parameters, now, requestId);
		}
		catch (StsError error) {
			xml = StsXml.error(error, requestId);
			status = error.status();
			errorCode = error.code();
		}
		record(new RecordedRequest(now, parameters.get("Action"), masked(parameters),
				(authorization != null) ? authorization.accessKeyId() : null,
				(authorization != null) ? authorization.region() : null,
				authorization != null && this.authenticator.isSessionKey(authorization.accessKeyId()), status, errorCode));
		pause(current.responseDelay());
		return new WireResponse(status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId),
				xml.getBytes(StandardCharsets.UTF_8));
	}

	private String dispatch(Caller caller, Map<String, String> parameters, Instant now, String requestId) {
		String action = parameters.get("Action");
		if (action == null || action.isEmpty()) {
			throw new StsError(400, "MissingAction", "Missing Action");
		}
		String version = parameters.get("Version");
		if (VERSION.equals(version)) {
			if (action.equals("GetSessionToken")) {
				return this.getSessionToken.handle(caller, parameters, now, requestId);
			}
			if (action.equals("GetCallerIdentity")) {
				return this.getCallerIdentity.handle(caller, requestId);
			}
		}
		// STS's own text, including its placeholder for a missing version
		throw new StsError(400, "InvalidAction", "Could not find operation " + action + " for version "
				+ ((version != null) ? version : "NO_VERSION_SPECIFIED"));
	}

	private static Map<String, String> masked(Map<String, String> parameters) {
		Map<String, String> masked = new LinkedHashMap<>(parameters);
		masked.replaceAll((name, value) -> name.equalsIgnoreCase("TokenCode") ? RecordedRequest.MASKED_TOKEN_CODE : value);
		return masked;
	}

	private void record(RecordedRequest request) {
		synchronized (this.recorded) {
			if (this.recorded.size() == MAX_RECORDED) {
				this.recorded.removeFirst();
			}
			this.recorded.addLast(request);
		}
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
