package dev.mfaportal.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The tests' one clock: moved by hand, for windows that slide, rows that age and codes
 * that must not change within a test. Always UTC.
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.now = start;
	}

	/**
	 * Real time minus {@code offset}, to the millisecond (STS's precision), standing
	 * still. For an emulator: the SDK signs with the real clock and the emulator rejects
	 * a skew above 15 minutes, so keep it within that distance of real time.
	 */
	public static MutableClock behindRealTimeBy(Duration offset) {
		return new MutableClock(Instant.now().minus(offset).truncatedTo(ChronoUnit.MILLIS));
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
