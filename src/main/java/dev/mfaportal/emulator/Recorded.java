package dev.mfaportal.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the emulator keeps for tests to look at (requests, console sign-ins): the latest
 * {@value #MAX} only, so a benchmark against the demo server does not fill the heap.
 */
final class Recorded<T> {

	static final int MAX = 10_000;

	private final Deque<T> entries = new ArrayDeque<>();

	synchronized void add(T entry) {
		if (this.entries.size() == MAX) {
			this.entries.removeFirst();
		}
		this.entries.addLast(entry);
	}

	/** Oldest first. */
	synchronized List<T> list() {
		return List.copyOf(this.entries);
	}

	synchronized void clear() {
		this.entries.clear();
	}

}
