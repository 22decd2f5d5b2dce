package dev.mfaportal.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests at once, for limits under concurrency: every call waits on its own
 * thread until all are ready, then all start together.
 */
public final class AtOnce {

	private AtOnce() {
	}

	/** The calls' answers, in the calls' order; each may take up to a minute. */
	public static <T> List<T> run(List<? extends Callable<T>> calls) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService senders = Executors.newFixedThreadPool(calls.size());
		try {
			List<Future<T>> answers = new ArrayList<>();
			for (Callable<T> call : calls) {
				answers.add(senders.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> answer : answers) {
				results.add(answer.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			senders.shutdownNow();
		}
	}

}
