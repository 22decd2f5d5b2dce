package dev.mfaportal.yubikey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a program that must not hold a request: its input closed at once (a password
 * prompt reads end-of-file instead of waiting), both outputs read while it runs (a full
 * pipe would stop it), and, past the timeout, it and every process it started killed.
 */
final class BoundedProcess {

	/** More than any answer of ykman; the rest is read and dropped. */
	private static final int KEPT_BYTES = 16 * 1024;

	/** How long the outputs may take to close once the process is gone. */
	private static final long DRAIN_SECONDS = 2;

	private BoundedProcess() {
	}

	/**
	 * @param exitStatus the exit status, or -1 when it was stopped
	 * @param stdout what it printed (the first {@value #KEPT_BYTES} bytes)
	 * @param stderr what it printed as errors (likewise)
	 * @param timedOut whether it was stopped at the timeout
	 */
	record Outcome(int exitStatus, String stdout, String stderr, boolean timedOut) {

		@Override
		public String toString() {
			// stdout holds a code
			return "Outcome[exitStatus=" + this.exitStatus + ", timedOut=" + this.timedOut + "]";
		}

	}

	static Outcome run(List<String> command, Duration timeout) throws IOException {
		Process process = new ProcessBuilder(command).start();
		process.getOutputStream().close();
		CompletableFuture<String> stdout = drain(process.getInputStream(), "stdout");
		CompletableFuture<String> stderr = drain(process.getErrorStream(), "stderr");
		boolean finished;
		try {
			finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finished = false;
		}
		if (!finished) {
			destroyTree(process);
		}
		return new Outcome(finished ? process.exitValue() : -1, collect(stdout), collect(stderr), !finished);
	}

	/**
	 * The children first, listed while they are still the process's (once it is gone they
	 * belong to no one and would keep the pipes open).
	 */
	private static void destroyTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		try {
			process.waitFor(DRAIN_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static CompletableFuture<String> drain(InputStream stream, String name) {
		CompletableFuture<String> text = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			ByteArrayOutputStream kept = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			try (stream) {
				for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
					kept.write(buffer, 0, Math.max(0, Math.min(n, KEPT_BYTES - kept.size())));
				}
			}
			catch (IOException closed) {
				// what was read so far is the answer
			}
			text.complete(kept.toString(StandardCharsets.UTF_8));
		}, "ykman-" + name);
		reader.setDaemon(true);
		reader.start();
		return text;
	}

	/**
	 * What was read; empty when a process that escaped the tree still holds the pipe, so
	 * that the request never waits for it.
	 */
	private static String collect(CompletableFuture<String> text) {
		try {
			return text.get(DRAIN_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
		catch (ExecutionException | TimeoutException ex) {
			return "";
		}
	}

}
