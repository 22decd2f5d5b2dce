package dev.mfaportal.issuing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the listeners of an answered attempt report back to the request that waits: a
 * listener that could not write its part now (and keeps it to write later) says so here
 * instead of throwing, so no listener's failure stops another, whatever order they run
 * in, and the page can still tell the person that the history is behind. Holds no secret.
 */
public final class HistoryReceipt {

	private final AtomicBoolean behind = new AtomicBoolean();

	/** This listener's part waits for the database; it writes it later. */
	public void behind() {
		this.behind.set(true);
	}

	/** Whether every listener wrote its part now. */
	public boolean complete() {
		return !this.behind.get();
	}

	@Override
	public String toString() {
		return "HistoryReceipt[" + (complete() ? "complete" : "behind") + "]";
	}

}
