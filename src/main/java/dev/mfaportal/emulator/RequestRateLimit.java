package dev.mfaportal.emulator;

import java.time.Instant;

/**
 * Counts requests per second of the emulator's clock. Fixed one-second windows rather
 * than a smooth bucket: with a test clock that stands still, the N+1st request is
 * throttled every time.
 */
final class RequestRateLimit {

	private long windowSecond = Long.MIN_VALUE;

	private int count;

	/** True if this request fits under the limit (0 = unlimited); it is then counted. */
	synchronized boolean tryAcquire(int maxRequestsPerSecond, Instant now) {
		if (maxRequestsPerSecond <= 0) {
			return true;
		}
		if (now.getEpochSecond() != this.windowSecond) {
			this.windowSecond = now.getEpochSecond();
			this.count = 0;
		}
		if (this.count >= maxRequestsPerSecond) {
			return false;
		}
		this.count++;
		return true;
	}

}
