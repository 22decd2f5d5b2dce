package dev.mfaportal.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.HistoryReceipt;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.IssueFailed;
import dev.mfaportal.sts.StsFailure;
import dev.mfaportal.support.CuttableDatabase;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalWithEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * "Nothing lost" may not rest on the order in which listeners run (it differs between a
 * folder and the jar): every listener of an answered attempt, the audit, the attempt
 * limits, the metrics and the "last used" bookkeeping, is run by Spring's own multicaster
 * in the order found and in the reverse order, while the connection pool can't open a
 * connection. None may stop another; each keeps what it must and writes it once the
 * database is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500" })
@PortalWithEmulator
class AnsweredAttemptListenersIntegrationTest {

	static final EmulatedUser OWNER = EmulatedAccounts.user("listeners");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(OWNER));

	@RegisterExtension
	static final CuttableDatabase database = CuttableDatabase.start("listeners");

	static final String ACTOR = "listeners-in-any-order";

	@Autowired
	AbstractApplicationContext context;

	@Autowired
	MeterRegistry metrics;

	@Test
	void answeredAttemptWhenThePoolCannotConnectThenEveryListenerRunsInEitherOrderAndEveryRowIsWrittenLater()
			throws Exception {
		long auditRows = count("select count(*) from audit_event");
		double issued = issues("issued");
		double failed = issues("failed");
		List<HistoryReceipt> receipts = new ArrayList<>();
		List<GenericApplicationListener> found = listenersOf(answers().get(0));
		assertThat(found).as("the audit, the attempt limits, the metrics, the saved devices' last use")
			.hasSizeGreaterThanOrEqualTo(4);

		database.cut();
		try {
			for (boolean reversed : new boolean[] { false, true }) {
				for (Object event : answers()) {
					SimpleApplicationEventMulticaster multicaster = inOrder(listenersOf(event), reversed);
					assertThatNoException()
						.as("%s, %s", event.getClass().getSimpleName(), reversed ? "reversed" : "as found")
						.isThrownBy(() -> multicaster.multicastEvent(new PayloadApplicationEvent<>(this, event)));
					receipts.add((event instanceof CredentialsIssued answer) ? answer.receipt()
							: ((IssueFailed) event).receipt());
				}
			}
			assertThat(issues("issued") - issued).as("every issue counted, in both orders").isEqualTo(2);
			assertThat(issues("failed") - failed).isEqualTo(2);
			assertThat(receipts).as("the page is told the history is behind").noneMatch(HistoryReceipt::complete);
		}
		finally {
			database.restore();
		}

		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while ((count("select count(*) from audit_event") < auditRows + 4 || results() < 4)
				&& System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(count("select count(*) from audit_event")).as("audit rows kept, then written")
			.isEqualTo(auditRows + 4);
		assertThat(count("select count(*) from mfa_attempt where actor = '" + ACTOR + "' and result = 'SUCCESS'"))
			.as("answers the attempt limits kept, then recorded")
			.isEqualTo(2);
		assertThat(count("select count(*) from mfa_attempt where actor = '" + ACTOR + "' and result = 'FAILURE'"))
			.isEqualTo(2);
	}

	/** An issue and a wrong code, each with a receipt of its own. */
	private static List<Object> answers() {
		return List.of(new CredentialsIssued(attempt(), Instant.now().plusSeconds(900)),
				new IssueFailed(attempt(), StsFailure.INVALID_CODE, "AccessDenied"));
	}

	private List<GenericApplicationListener> listenersOf(Object event) {
		ResolvableType type = ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, event.getClass());
		List<GenericApplicationListener> found = new ArrayList<>();
		for (ApplicationListener<?> listener : this.context.getApplicationListeners()) {
			if (listener instanceof GenericApplicationListener generic && generic.supportsEventType(type)) {
				found.add(generic);
			}
		}
		return found;
	}

	/**
	 * Spring's multicaster, as the context has it (no error handler), with the listeners
	 * in the given order: each gets its place as its order, since the multicaster sorts.
	 */
	private static SimpleApplicationEventMulticaster inOrder(List<GenericApplicationListener> listeners,
			boolean reversed) {
		List<GenericApplicationListener> ordered = new ArrayList<>(listeners);
		if (reversed) {
			Collections.reverse(ordered);
		}
		SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
		for (int place = 0; place < ordered.size(); place++) {
			multicaster.addApplicationListener(new AtPlace(ordered.get(place), place));
		}
		return multicaster;
	}

	private static IssueAttempt attempt() {
		return new IssueAttempt(Instant.now(), ACTOR, OWNER.userName(), "AKIA…0001", OWNER.device().serialNumber(),
				null, 900, "127.0.0.1");
	}

	private double issues(String outcome) {
		return this.metrics.find("portal.issues")
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static long results() throws Exception {
		return count("select count(*) from mfa_attempt where actor = '" + ACTOR + "'");
	}

	private static long count(String sql) throws Exception {
		try (Connection direct = DriverManager.getConnection(database.directUrl(), "sa", "");
				ResultSet rows = direct.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** A listener at a given place. */
	record AtPlace(GenericApplicationListener listener, int place) implements GenericApplicationListener {

		@Override
		public boolean supportsEventType(ResolvableType eventType) {
			return this.listener.supportsEventType(eventType);
		}

		@Override
		public boolean supportsSourceType(Class<?> sourceType) {
			return this.listener.supportsSourceType(sourceType);
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.listener.onApplicationEvent(event);
		}

		@Override
		public int getOrder() {
			return this.place;
		}

	}

}
