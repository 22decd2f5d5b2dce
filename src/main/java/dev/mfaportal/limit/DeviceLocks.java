package dev.mfaportal.limit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The locks a person sees on the devices page, and the confirmation that lifts one.
 */
@Service
public class DeviceLocks {

	private final LockRepository locks;

	private final AttemptRepository attempts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DeviceLocks(LockRepository locks, AttemptRepository attempts, ApplicationEventPublisher events, Clock clock) {
		this.locks = locks;
		this.attempts = attempts;
		this.events = events;
		this.clock = clock;
	}

	public List<LockedDevice> lockedFor(String actor) {
		return this.locks.lockedFor(actor);
	}

	/**
	 * Lifts the lock and starts the consecutive count again.
	 * @param actor whose device
	 * @param serialNumber the device
	 * @param by who confirms
	 * @return whether the device was locked
	 */
	@Transactional
	public boolean unlock(String actor, String serialNumber, String by) {
		if (!this.locks.unlock(actor, serialNumber)) {
			return false;
		}
		Instant now = this.clock.instant();
		this.attempts.record(actor, serialNumber, now, AttemptRepository.RESET);
		this.events.publishEvent(new DeviceUnlocked(now, actor, serialNumber, by));
		return true;
	}

}
