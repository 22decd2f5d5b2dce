package dev.mfaportal.limit;

import java.time.Duration;
import java.time.Instant;

import dev.mfaportal.issuing.AttemptGuard.Decision;
import dev.mfaportal.issuing.AttemptGuard.Verdict;
import dev.mfaportal.support.MutableClock;
import dev.mfaportal.support.StorageContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attempt limits against a real database: the same tests run on H2 and on PostgreSQL.
 * Each test rolls back (the annotation is here because Spring looks for it on the
 * declaring class).
 */
@Transactional
abstract class LimitStorageContract extends StorageContract {

	AttemptRepository attempts;

	LockRepository locks;

	UsedCodeRepository usedCodes;

	MutableClock clock = new MutableClock(T0);

	AttemptLimiter limiter;

	@BeforeEach
	void repositories() {
		this.attempts = new AttemptRepository(this.jdbc);
		this.locks = new LockRepository(this.jdbc);
		this.usedCodes = new UsedCodeRepository(this.jdbc);
		this.limiter = new AttemptLimiter(this.attempts, this.locks, this.usedCodes, new CodeFingerprints(),
				new LimitSettings(5, Duration.ofMinutes(15), 10, Duration.ofSeconds(90), Duration.ofDays(90)),
				this.clock);
	}

	private void fail(int times, Duration apart) {
		for (int i = 0; i < times; i++) {
			this.attempts.record(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.FAILURE);
			this.clock.advance(apart);
		}
	}

	@Test
	void failuresSinceWhenSomeOutsideTheWindowThenOnlyThoseInsideCount() {
		fail(3, Duration.ofMinutes(10));
		this.attempts.record(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.SUCCESS);
		this.attempts.record("bob", ALICE_MFA, this.clock.instant(), AttemptRepository.FAILURE);
		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, this.clock.instant().minus(Duration.ofMinutes(15))))
			.isEqualTo(1);
	}

	@Test
	void consecutiveFailuresWhenSuccessOrResetThenCountStartsAgain() {
		fail(3, Duration.ofSeconds(1));
		assertThat(this.attempts.consecutiveFailures(ALICE, ALICE_MFA)).isEqualTo(3);
		this.attempts.record(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.SUCCESS);
		fail(2, Duration.ofSeconds(1));
		assertThat(this.attempts.consecutiveFailures(ALICE, ALICE_MFA)).isEqualTo(2);
		this.attempts.record(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.RESET);
		assertThat(this.attempts.consecutiveFailures(ALICE, ALICE_MFA)).isZero();
	}

	@Test
	void admitWhenFiveFailuresInFifteenMinutesThenLimitedUntilTheOldestLeavesTheWindow() {
		fail(5, Duration.ofMinutes(1));
		Verdict limited = this.limiter.admit(ALICE, ALICE_MFA, "123456");
		assertThat(limited.decision()).isEqualTo(Decision.LIMITED);
		assertThat(limited.retryAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));

		this.clock.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(1));
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void admitWhenAnotherPersonOrDeviceFailedThenNotLimited() {
		fail(5, Duration.ofSeconds(1));
		assertThat(this.limiter.admit("bob", ALICE_MFA, "123456").decision()).isEqualTo(Decision.ADMITTED);
		assertThat(this.limiter.admit(ALICE, "GAHT12345678", "123456").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void admitWhenSameCodeForSameDeviceWithinNinetySecondsThenCodeReused() {
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.ADMITTED);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.CODE_REUSED);
		assertThat(this.limiter.admit("bob", ALICE_MFA, "123456").decision()).as("same device, another person")
			.isEqualTo(Decision.CODE_REUSED);
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "654321").decision()).isEqualTo(Decision.ADMITTED);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void admitWhenFiveAttemptsStillWaitForStsThenTheSixthIsLimited() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.limiter.admit(ALICE, ALICE_MFA, "10000" + i).decision()).isEqualTo(Decision.ADMITTED);
		}
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "200000").decision()).isEqualTo(Decision.LIMITED);
		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, Instant.EPOCH)).isEqualTo(5);
	}

	@Test
	void settleWhenStsIssuedThenThePendingAttemptStopsCounting() {
		for (int i = 0; i < 5; i++) {
			this.limiter.admit(ALICE, ALICE_MFA, "10000" + i);
		}
		this.attempts.settle(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.SUCCESS);

		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, Instant.EPOCH)).isEqualTo(4);
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "200000").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void settleWhenStsRefusedTheCodeThenItCountsOnceAsAFailure() {
		this.limiter.admit(ALICE, ALICE_MFA, "100000");
		this.attempts.settle(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.FAILURE);

		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, Instant.EPOCH)).isEqualTo(1);
		assertThat(this.attempts.consecutiveFailures(ALICE, ALICE_MFA)).isEqualTo(1);
	}

	@Test
	void releaseWhenStsNeverJudgedTheCodeThenThePlaceIsFree() {
		for (int i = 0; i < 5; i++) {
			this.limiter.admit(ALICE, ALICE_MFA, "10000" + i);
		}
		this.attempts.release(ALICE, ALICE_MFA);

		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, Instant.EPOCH)).isEqualTo(4);
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "200000").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void admitWhenTheCodeWasUsedThenItHoldsNoPlace() {
		this.limiter.admit(ALICE, ALICE_MFA, "123456");
		for (int i = 0; i < 5; i++) {
			assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.CODE_REUSED);
		}
		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, Instant.EPOCH)).isEqualTo(1);
	}

	@Test
	void consecutiveFailuresWhenAnAttemptIsPendingThenTheCountGoesOn() {
		fail(3, Duration.ofSeconds(1));
		this.limiter.admit(ALICE, ALICE_MFA, "100000");
		fail(1, Duration.ofSeconds(1));

		assertThat(this.attempts.consecutiveFailures(ALICE, ALICE_MFA)).isEqualTo(4);
	}

	@Test
	void admitWhenNineFailuresInARowAndOneAttemptPendingThenTheNextWaitsAndAfterTheTenthItIsLocked() {
		fail(9, Duration.ofMinutes(16));
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "100000").decision()).isEqualTo(Decision.ADMITTED);

		Verdict waiting = this.limiter.admit(ALICE, ALICE_MFA, "100001");
		assertThat(waiting.decision()).as("the pending answer may lock").isEqualTo(Decision.LIMITED);
		assertThat(waiting.retryAt()).isAfter(this.clock.instant());

		this.attempts.settle(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.FAILURE);
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "100002").decision())
			.as("ten in a row, even before the lock row is written")
			.isEqualTo(Decision.LOCKED);
	}

	@Test
	void admitWhenNineFailuresInARowAndThePendingAttemptSucceededThenAdmittedAgain() {
		fail(9, Duration.ofMinutes(16));
		this.limiter.admit(ALICE, ALICE_MFA, "100000");
		this.attempts.settle(ALICE, ALICE_MFA, this.clock.instant(), AttemptRepository.SUCCESS);

		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "100001").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void usedCodeTableWhenCodeClaimedThenHoldsNoCodeOnlyAFingerprint() {
		this.limiter.admit(ALICE, ALICE_MFA, "739184");
		assertThat(this.jdbc.sql("select fingerprint from used_mfa_code").query(String.class).list())
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.hasSize(64)
			.doesNotContain("739184");
	}

	@Test
	void lockWhenLockedThenRefusedUntilUnlocked() {
		assertThat(this.locks.lock(ALICE, ALICE_MFA, T0)).isTrue();
		assertThat(this.locks.lock(ALICE, ALICE_MFA, T0)).as("already locked").isFalse();
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.LOCKED);
		assertThat(this.locks.lockedFor(ALICE)).extracting(LockedDevice::serialNumber).containsExactly(ALICE_MFA);
		assertThat(this.locks.lockedFor("bob")).isEmpty();

		assertThat(this.locks.unlock(ALICE, ALICE_MFA)).isTrue();
		assertThat(this.locks.unlock(ALICE, ALICE_MFA)).isFalse();
		assertThat(this.limiter.admit(ALICE, ALICE_MFA, "123456").decision()).isEqualTo(Decision.ADMITTED);
	}

	@Test
	void purgeWhenRetentionPassedThenOlderAttemptsGoAndLocksStay() {
		fail(1, Duration.ofDays(100));
		this.locks.lock(ALICE, ALICE_MFA, T0);
		LimitRetention retention = new LimitRetention(this.attempts,
				new LimitSettings(5, Duration.ofMinutes(15), 10, Duration.ofSeconds(90), Duration.ofDays(90)),
				this.clock);
		assertThat(retention.purge()).isEqualTo(1);
		assertThat(this.locks.isLocked(ALICE, ALICE_MFA)).isTrue();
	}

	@Test
	void deleteBeforeWhenRowsAgedThenOnlyOldOnesGo() {
		fail(2, Duration.ofDays(50));
		assertThat(this.attempts.deleteBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(1);
		assertThat(this.attempts.failuresSince(ALICE, ALICE_MFA, Instant.EPOCH)).isEqualTo(1);
	}

}
