package dev.mfaportal.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The emulator as tests drive it: a running {@link StsEmulatorServer} and the controls
 * that production code cannot reach (they are package-private in main): faults, recorded
 * requests and console sign-ins, dropped connections, settings changed while it runs. The
 * one way tests (and the benchmarks, which put the test classes on their class path)
 * start an emulator.
 */
public final class TestEmulator implements AutoCloseable {

	private final StsEmulatorServer server;

	private TestEmulator(StsEmulatorServer server) {
		this.server = server;
	}

	/** On a free loopback port, on real time. */
	public static TestEmulator start(EmulatorSettings settings) {
		return start(settings, Clock.systemUTC());
	}

	public static TestEmulator start(EmulatorSettings settings, Clock clock) {
		return start(settings, clock, 0);
	}

	/** On the given loopback port; 0 picks a free one. */
	public static TestEmulator start(EmulatorSettings settings, Clock clock, int port) {
		return new TestEmulator(StsEmulatorServer.start(settings, clock, port));
	}

	/** The controls of a server started elsewhere: the demo profile's, for instance. */
	public static TestEmulator of(StsEmulatorServer server) {
		return new TestEmulator(server);
	}

	public URI endpoint() {
		return this.server.endpoint();
	}

	public URI federationEndpoint() {
		return this.server.federationEndpoint();
	}

	public EmulatorSettings settings() {
		return this.server.emulator().settings();
	}

	public void updateSettings(UnaryOperator<EmulatorSettings> change) {
		this.server.emulator().updateSettings(change);
	}

	/**
	 * How long a key that CreateAccessKey made takes before STS and IAM accept it, as AWS
	 * takes a few seconds; {@link Duration#ZERO} at start.
	 */
	public void setKeyPropagationDelay(Duration delay) {
		this.server.emulator().setKeyPropagationDelay(delay);
	}

	public void setResponseDelay(Duration responseDelay) {
		this.server.emulator().updateFaults((faults) -> faults.withResponseDelay(responseDelay));
	}

	public void setDisabledRegions(Set<String> disabledRegions) {
		this.server.emulator().updateFaults((faults) -> faults.withDisabledRegions(disabledRegions));
	}

	/** Above this, requests fail with {@code Throttling}; 0 means unlimited. */
	public void setMaxRequestsPerSecond(int maxRequestsPerSecond) {
		this.server.emulator().updateFaults((faults) -> faults.withMaxRequestsPerSecond(maxRequestsPerSecond));
	}

	/** {@code null} turns the forced failure off. */
	public void setForcedFailure(ForcedFailure forcedFailure) {
		this.server.emulator().updateFaults((faults) -> faults.withForcedFailure(forcedFailure));
	}

	/**
	 * While on, every request is read and then its connection closed without an answer,
	 * as a proxy or load balancer that drops connections does.
	 */
	public void setDroppingConnections(boolean dropping) {
		this.server.setDroppingConnections(dropping);
	}

	/** No faults, connections answered: the emulator as it started. */
	public void heal() {
		this.server.emulator().updateFaults((faults) -> Faults.NONE);
		this.server.setDroppingConnections(false);
	}

	/** Every request answered so far (the latest 10,000), oldest first. */
	public List<RecordedRequest> recordedRequests() {
		return this.server.emulator().recordedRequests();
	}

	public void clearRecordedRequests() {
		this.server.emulator().clearRecordedRequests();
	}

	/** Every console sign-in at the federation endpoint so far, oldest first. */
	public List<ConsoleSignIn> consoleSignIns() {
		return this.server.emulator().consoleSignIns();
	}

	public void clearConsoleSignIns() {
		this.server.emulator().clearConsoleSignIns();
	}

	/**
	 * The source identity and session tags of the session that the emulator issued these
	 * temporary credentials with (what CloudTrail shows; GetCallerIdentity does not).
	 * @param accessKeyId the session's {@code ASIA…} key id
	 * @return its context, or empty for a key the emulator never issued
	 */
	public java.util.Optional<SessionContext> session(String accessKeyId) {
		return java.util.Optional.ofNullable(this.server.emulator().sessionContext(accessKeyId));
	}

	@Override
	public void close() {
		this.server.close();
	}

}
