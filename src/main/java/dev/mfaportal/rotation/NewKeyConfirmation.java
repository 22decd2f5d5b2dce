package dev.mfaportal.rotation;

import java.time.Duration;

import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;

/**
 * Whether a new key works yet: GetCallerIdentity until it does or the time is up, waiting
 * longer each time, since IAM takes seconds to propagate a key.
 */
final class NewKeyConfirmation {

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(4);

	private NewKeyConfirmation() {
	}

	static boolean confirmed(StsGateway sts, StsCaller fresh, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Duration wait = Duration.ofMillis(250);
		while (true) {
			try {
				sts.callerIdentity(fresh);
				return true;
			}
			catch (StsCallException notYet) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				sleep(Duration.ofNanos(Math.min(left, wait.toNanos())));
				wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
