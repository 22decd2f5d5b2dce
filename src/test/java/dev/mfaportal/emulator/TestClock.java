package dev.mfaportal.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock a test moves by hand. The SDK signs with the real clock and the emulator
 * rejects a skew above 15 minutes, so tests keep this within that distance of real time.
 */
final class TestClock extends Clock {

	private volatile Instant instant;

	TestClock(Instant instant) {
		this.instant = instant;
	}

	/** Starts at real time minus {@code offset}, to the millisecond (STS's precision). */
	static TestClock behindRealTimeBy(Duration offset) {
		return new TestClock(Instant.now().minus(offset).truncatedTo(ChronoUnit.MILLIS));
	}

	void advance(Duration duration) {
		this.instant = this.instant.plus(duration);
	}

	void set(Instant instant) {
		this.instant = instant;
	}

	@Override
	public Instant instant() {
		return this.instant;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The emulator works in UTC");
	}

}
