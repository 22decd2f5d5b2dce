package dev.mfaportal.audit;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Audit rows (answers of STS, refusals, locks, served roles) that the database could not
 * take when they happened, written as soon as it can. They wait in this process's memory:
 * a portal stopped before the database comes back loses them (each was logged at ERROR
 * with its request id when it could not be written, and AWS CloudTrail holds the call
 * itself). At most {@link #CAPACITY} wait; beyond that the oldest is dropped, with an
 * ERROR line.
 */
@Component
class UnwrittenAuditRows {

	static final int CAPACITY = 1000;

	private static final Logger logger = LoggerFactory.getLogger(UnwrittenAuditRows.class);

	private final AuditRepository audit;

	private final Deque<AuditEntry> waiting = new ArrayDeque<>();

	UnwrittenAuditRows(AuditRepository audit) {
		this.audit = audit;
	}

	synchronized void keep(AuditEntry entry) {
		if (this.waiting.size() >= CAPACITY) {
			AuditEntry dropped = this.waiting.removeFirst();
			logger.error("Audit row of {} at {} dropped: {} rows already wait for the database", dropped.actor(),
					dropped.occurredAt(), CAPACITY);
		}
		this.waiting.addLast(entry);
	}

	synchronized int size() {
		return this.waiting.size();
	}

	/**
	 * Writes the waiting rows, oldest first, until the database fails again.
	 * @return how many were written
	 */
	@Scheduled(fixedDelay = 5000, initialDelay = 5000)
	synchronized int write() {
		int written = 0;
		while (!this.waiting.isEmpty()) {
			try {
				this.audit.insert(this.waiting.peekFirst());
			}
			catch (RuntimeException stillDown) {
				break;
			}
			this.waiting.removeFirst();
			written++;
		}
		if (written > 0) {
			logger.info("Wrote {} audit rows kept while the database was unavailable; {} still wait", written,
					this.waiting.size());
		}
		return written;
	}

}
