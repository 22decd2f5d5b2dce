package dev.mfaportal.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mfaportal.events.Outboxes;
import dev.mfaportal.support.StorageContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit table against a real database: the same tests run on H2 and on PostgreSQL.
 * Each test rolls back (the annotation is here because Spring looks for it on the
 * declaring class).
 */
@Transactional
abstract class AuditStorageContract extends StorageContract {

	AuditRepository audit;

	@BeforeEach
	void repository() {
		this.audit = new AuditRepository(this.jdbc, Outboxes.off(this.jdbc), Outboxes.messages());
	}

	static AuditEntry entry(String actor, Instant at, String serial, Outcome outcome) {
		return new AuditEntry(null, at, actor, "work", "AKIA…WXYZ", serial, null, 3600, outcome, null, null,
				"127.0.0.1");
	}

	private void insert(String actor, Instant at, String serial, Outcome outcome) {
		this.audit.insert(entry(actor, at, serial, outcome));
	}

	private static List<Instant> times(List<AuditEntry> entries) {
		return entries.stream().map(AuditEntry::occurredAt).toList();
	}

	@Test
	void insertWhenEveryColumnSetThenSearchGivesItBack() {
		AuditEntry issued = new AuditEntry(null, T0, ALICE, "profile work", "AKIA…WXYZ", ALICE_MFA, "Work phone", 43200,
				Outcome.ISSUED, null, T0.plus(Duration.ofHours(12)), "192.0.2.10",
				new CloudTrailIds("arn:aws:iam::123456789012:role/" + "r".repeat(1900), "req-issued",
						"ASIAIOSFODNN7EXAMPLE", "AROA3XFRBF535PLBIFPI4:alice"));
		AuditEntry failed = new AuditEntry(null, T0.plusSeconds(1), ALICE, "environment", "AKIA…ABCD", HARDWARE, null,
				null, Outcome.FAILED, "AccessDenied", null, "2001:db8::1",
				new CloudTrailIds(null, "req-failed", null, null));
		this.audit.insert(issued);
		this.audit.insert(failed);

		List<AuditEntry> found = this.audit.search(AuditFilter.of(ALICE), 0, 20);

		assertThat(found).hasSize(2).allSatisfy((entry) -> assertThat(entry.id()).isNotNull());
		assertThat(found.get(0)).usingRecursiveComparison().ignoringFields("id").isEqualTo(failed);
		assertThat(found.get(1)).usingRecursiveComparison().ignoringFields("id").isEqualTo(issued);
	}

	@Test
	void searchWhenAnAwsIdIsGivenThenTheRowWithThatIssuedKeyOrRequestIdOnly() {
		this.audit.insert(withIds(ALICE, T0, new CloudTrailIds(null, "req-1", "ASIAFIRST00000000001", null)));
		this.audit
			.insert(withIds(ALICE, T0.plusSeconds(1), new CloudTrailIds(null, "req-2", "ASIASECOND0000000002", null)));
		this.audit
			.insert(withIds(BOB, T0.plusSeconds(2), new CloudTrailIds(null, "req-3", "ASIATHIRD00000000003", null)));

		assertThat(times(this.audit.search(byId(ALICE, "ASIASECOND0000000002"), 0, 20)))
			.containsExactly(T0.plusSeconds(1));
		assertThat(times(this.audit.search(byId(ALICE, "req-1"), 0, 20))).containsExactly(T0);
		assertThat(this.audit.search(byId(ALICE, "req-3"), 0, 20)).as("another member's row").isEmpty();
		assertThat(this.audit.search(byId(null, "req-3"), 0, 20)).extracting(AuditEntry::actor).containsExactly(BOB);
		assertThat(this.audit.count(byId(null, "ASIA"))).as("whole ids only").isZero();
	}

	private static AuditFilter byId(String actor, String awsId) {
		return new AuditFilter(actor, null, null, null, null, awsId);
	}

	private static AuditEntry withIds(String actor, Instant at, CloudTrailIds ids) {
		return new AuditEntry(null, at, actor, "work", "AKIA…WXYZ", ALICE_MFA, null, 3600, Outcome.ISSUED, null, null,
				"127.0.0.1", ids);
	}

	@Test
	void searchWhenFilteredByAMemberThenWhatTheyDidAndWhatWasDoneToTheirAccountWithItsTarget() {
		AuditEntry reset = new AuditEntry(null, T0, "admin", null, null, null, null, null, Outcome.PASSWORD_RESET, null,
				null, null, ALICE);
		this.audit.insert(reset);
		insert(ALICE, T0.plusSeconds(1), ALICE_MFA, Outcome.ISSUED);
		insert("bob", T0.plusSeconds(2), ALICE_MFA, Outcome.ISSUED);

		List<AuditEntry> found = this.audit.search(AuditFilter.of(ALICE), 0, 20);

		assertThat(found).extracting(AuditEntry::outcome).containsExactly(Outcome.ISSUED, Outcome.PASSWORD_RESET);
		assertThat(found.get(1)).usingRecursiveComparison().ignoringFields("id").isEqualTo(reset);
		assertThat(this.audit.count(AuditFilter.of(ALICE))).isEqualTo(2);
		assertThat(this.audit.searchAll(AuditFilter.of("admin"))).extracting(AuditEntry::target).containsExactly(ALICE);
	}

	@Test
	void searchWhenSeveralRowsThenNewestFirstAndSameTimeByInsertOrderReversed() {
		insert(ALICE, T0.plusSeconds(60), ALICE_MFA, Outcome.ISSUED);
		insert(ALICE, T0, ALICE_MFA, Outcome.FAILED);
		insert(ALICE, T0.plusSeconds(120), ALICE_MFA, Outcome.REJECTED_INPUT);
		insert(ALICE, T0.plusSeconds(120), ALICE_MFA, Outcome.REJECTED_LIMIT);

		assertThat(this.audit.search(AuditFilter.of(ALICE), 0, 20)).extracting(AuditEntry::outcome)
			.containsExactly(Outcome.REJECTED_LIMIT, Outcome.REJECTED_INPUT, Outcome.ISSUED, Outcome.FAILED);
	}

	@Test
	void searchWhenFilteredByDeviceThenOnlyThatDevice() {
		insert(ALICE, T0, ALICE_MFA, Outcome.ISSUED);
		insert(ALICE, T0.plusSeconds(1), HARDWARE, Outcome.ISSUED);
		AuditFilter filter = new AuditFilter(ALICE, HARDWARE, null, null, null);

		assertThat(this.audit.search(filter, 0, 20)).extracting(AuditEntry::serialNumber).containsExactly(HARDWARE);
		assertThat(this.audit.count(filter)).isEqualTo(1);
	}

	@Test
	void searchWhenFilteredByOutcomeThenOnlyThatOutcome() {
		insert(ALICE, T0, ALICE_MFA, Outcome.ISSUED);
		insert(ALICE, T0.plusSeconds(1), ALICE_MFA, Outcome.FAILED);
		insert(ALICE, T0.plusSeconds(2), ALICE_MFA, Outcome.FAILED);
		AuditFilter filter = new AuditFilter(ALICE, null, Outcome.FAILED, null, null);

		assertThat(this.audit.search(filter, 0, 20)).extracting(AuditEntry::outcome)
			.containsExactly(Outcome.FAILED, Outcome.FAILED);
		assertThat(this.audit.count(filter)).isEqualTo(2);
	}

	@Test
	void searchWhenFilteredByTimeThenFromIsInclusiveAndUntilExclusive() {
		for (int hour = 0; hour < 5; hour++) {
			insert(ALICE, T0.plus(Duration.ofHours(hour)), ALICE_MFA, Outcome.ISSUED);
		}
		AuditFilter filter = new AuditFilter(ALICE, null, null, T0.plus(Duration.ofHours(1)),
				T0.plus(Duration.ofHours(3)));

		assertThat(times(this.audit.search(filter, 0, 20))).containsExactly(T0.plus(Duration.ofHours(2)),
				T0.plus(Duration.ofHours(1)));
		assertThat(this.audit.count(filter)).isEqualTo(2);
		assertThat(this.audit.count(new AuditFilter(ALICE, null, null, T0.plus(Duration.ofHours(4)), null)))
			.isEqualTo(1);
		assertThat(this.audit.count(new AuditFilter(ALICE, null, null, null, T0.plus(Duration.ofHours(1)))))
			.isEqualTo(1);
	}

	@Test
	void searchWhenWidestDatesTheFormAllowsThenBothEnginesTakeThem() {
		insert(ALICE, T0, ALICE_MFA, Outcome.ISSUED);
		AuditFilter widest = new AuditFilter(ALICE, null, null, Instant.parse("1970-01-01T00:00:00Z"),
				Instant.parse("+10000-01-01T00:00:00Z"));

		assertThat(this.audit.count(widest)).isEqualTo(1);
		assertThat(this.audit.search(widest, 0, 20)).hasSize(1);
	}

	@Test
	void searchWhenAllFiltersTogetherThenRowsMatchingEvery() {
		insert(ALICE, T0, ALICE_MFA, Outcome.FAILED);
		insert(ALICE, T0.plusSeconds(1), HARDWARE, Outcome.FAILED);
		insert(ALICE, T0.plusSeconds(2), ALICE_MFA, Outcome.ISSUED);
		insert(ALICE, T0.minusSeconds(1), ALICE_MFA, Outcome.FAILED);
		insert(BOB, T0, ALICE_MFA, Outcome.FAILED);
		AuditFilter filter = new AuditFilter(ALICE, ALICE_MFA, Outcome.FAILED, T0, T0.plusSeconds(60));

		assertThat(times(this.audit.search(filter, 0, 20))).containsExactly(T0);
		assertThat(this.audit.count(filter)).isEqualTo(1);
	}

	@Test
	void searchWhenPagedThenPagesFollowEachOtherWithoutGapOrOverlap() {
		for (int i = 0; i < 45; i++) {
			insert(ALICE, T0.plusSeconds(i), ALICE_MFA, Outcome.ISSUED);
		}
		AuditFilter filter = AuditFilter.of(ALICE);

		List<AuditEntry> first = this.audit.search(filter, 0, 20);
		List<AuditEntry> second = this.audit.search(filter, 20, 20);
		List<AuditEntry> third = this.audit.search(filter, 40, 20);

		assertThat(this.audit.count(filter)).isEqualTo(45);
		assertThat(first).hasSize(20);
		assertThat(first.get(0).occurredAt()).isEqualTo(T0.plusSeconds(44));
		assertThat(second).hasSize(20);
		assertThat(second.get(0).occurredAt()).isEqualTo(T0.plusSeconds(24));
		assertThat(third).hasSize(5);
		assertThat(third.get(4).occurredAt()).isEqualTo(T0);
		assertThat(this.audit.search(filter, 60, 20)).isEmpty();
		assertThat(this.audit.searchAll(filter)).hasSize(45);
	}

	@Test
	void searchWhenAnotherPersonHasRowsThenEachSeesOnlyTheirOwn() {
		insert(ALICE, T0, ALICE_MFA, Outcome.ISSUED);
		insert(BOB, T0.plusSeconds(1), "arn:aws:iam::123456789012:mfa/bob", Outcome.ISSUED);
		insert(BOB, T0.plusSeconds(2), ALICE_MFA, Outcome.FAILED);

		assertThat(this.audit.search(AuditFilter.of(ALICE), 0, 20)).extracting(AuditEntry::actor)
			.containsExactly(ALICE);
		assertThat(this.audit.searchAll(new AuditFilter(ALICE, ALICE_MFA, null, null, null)))
			.extracting(AuditEntry::actor)
			.containsExactly(ALICE);
		assertThat(this.audit.count(AuditFilter.of(BOB))).isEqualTo(2);
		assertThat(this.audit.count(AuditFilter.of("carol"))).isZero();
	}

	@Test
	void searchWhenNoActorThenEveryonesRows() {
		insert(ALICE, T0, ALICE_MFA, Outcome.ISSUED);
		insert(BOB, T0.plusSeconds(1), ALICE_MFA, Outcome.ISSUED);

		assertThat(this.audit.search(AuditFilter.of(null), 0, 20)).extracting(AuditEntry::actor)
			.containsExactly(BOB, ALICE);
		assertThat(this.audit.count(AuditFilter.of(null))).isEqualTo(2);
	}

	@Test
	void serialNumbersWhenSeveralRowsThenTheActorsDevicesOnceEachInOrder() {
		insert(ALICE, T0, HARDWARE, Outcome.ISSUED);
		insert(ALICE, T0.plusSeconds(1), ALICE_MFA, Outcome.FAILED);
		insert(ALICE, T0.plusSeconds(2), ALICE_MFA, Outcome.ISSUED);
		insert(ALICE, T0.plusSeconds(3), null, Outcome.REJECTED_INPUT);
		insert(BOB, T0, "arn:aws:iam::123456789012:mfa/bob", Outcome.ISSUED);

		assertThat(this.audit.serialNumbers(ALICE)).containsExactly(HARDWARE, ALICE_MFA);
		assertThat(this.audit.serialNumbers("carol")).isEmpty();
	}

	@Test
	void deleteBeforeWhenRowsAgedThenOnlyOlderOnesGoForEveryone() {
		insert(ALICE, T0.minus(Duration.ofDays(91)), ALICE_MFA, Outcome.ISSUED);
		insert(BOB, T0.minus(Duration.ofDays(95)), ALICE_MFA, Outcome.ISSUED);
		insert(ALICE, T0.minus(Duration.ofDays(90)), ALICE_MFA, Outcome.FAILED);
		insert(ALICE, T0, ALICE_MFA, Outcome.ISSUED);

		assertThat(this.audit.deleteBefore(T0.minus(Duration.ofDays(90)))).isEqualTo(2);
		assertThat(times(this.audit.searchAll(AuditFilter.of(null)))).containsExactly(T0,
				T0.minus(Duration.ofDays(90)));
	}

	@Test
	void insertWhenEveryStringIsOverlongThenCutToItsColumnAndStored() {
		String huge = "x".repeat(5000);
		this.audit.insert(new AuditEntry(null, T0, ALICE + huge, huge, huge, huge, huge, Integer.MAX_VALUE,
				Outcome.FAILED, huge, null, huge));

		Map<String, Object> row = this.jdbc.sql("select * from audit_event").query().singleRow();
		assertThat(lengths(row)).containsEntry("actor", 128)
			.containsEntry("source", 300)
			.containsEntry("access_key_masked", 32)
			.containsEntry("serial_number", 256)
			.containsEntry("device_label", 64)
			.containsEntry("error_code", 128)
			.containsEntry("client_address", 64);
		assertThat(this.audit.count(AuditFilter.of(ALICE + huge))).as("the filter is cut the same way").isEqualTo(1);
		assertThat(this.audit.count(new AuditFilter(ALICE + huge, huge, null, null, null))).isEqualTo(1);
		assertThat(this.audit.serialNumbers(ALICE + huge)).containsExactly("x".repeat(256));
	}

	@Test
	void insertWhenNulOrASurrogatePairAtTheCutThenStoredWithoutEitherBreakingIt() {
		String label = "x".repeat(63) + "\uD83D\uDD11";
		String serial = "GAHT\u000012345678";
		this.audit.insert(new AuditEntry(null, T0, ALICE, null, null, serial, label, null, Outcome.REJECTED_INPUT, null,
				null, null));

		AuditEntry stored = this.audit.searchAll(new AuditFilter(ALICE, serial, null, null, null)).get(0);
		assertThat(stored.deviceLabel()).isEqualTo("x".repeat(63));
		assertThat(stored.serialNumber()).isEqualTo("GAHT\uFFFD12345678");
	}

	@Test
	void insertWhenOnlyTheRequiredColumnsThenTheRestStaysNull() {
		this.audit.insert(new AuditEntry(null, T0, ALICE, null, null, ALICE_MFA, null, null, Outcome.DEVICE_LOCKED,
				null, null, null));

		AuditEntry stored = this.audit.searchAll(AuditFilter.of(ALICE)).get(0);
		assertThat(stored).usingRecursiveComparison()
			.ignoringFields("id")
			.isEqualTo(new AuditEntry(null, T0, ALICE, null, null, ALICE_MFA, null, null, Outcome.DEVICE_LOCKED, null,
					null, null));
	}

	private static Map<String, Integer> lengths(Map<String, Object> row) {
		Map<String, Integer> lengths = new java.util.TreeMap<>();
		row.forEach((column, value) -> {
			if (value instanceof String text) {
				lengths.put(column.toLowerCase(java.util.Locale.ROOT), text.length());
			}
		});
		return lengths;
	}

}
